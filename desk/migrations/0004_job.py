
import desk.models
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('desk', '0003_user_language'),
        ('tenants', '0003_resident_name_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='Job',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=64, verbose_name='kind')),
                ('key', models.CharField(blank=True, max_length=100, verbose_name='key')),
                ('language', models.CharField(blank=True, max_length=16, verbose_name='language')),
                ('params', models.JSONField(blank=True, default=dict, verbose_name='parameters')),
                ('status', models.CharField(choices=[('queued', 'Waiting'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed')], default='queued', max_length=16, verbose_name='status')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='done')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='total')),
                ('message', models.CharField(blank=True, max_length=500, verbose_name='message')),
                ('result', models.JSONField(blank=True, default=dict, verbose_name='result')),
                ('result_file', models.FileField(blank=True, upload_to=desk.models.job_file_path, verbose_name='result file')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='queued at')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started at')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                ('progress_at', models.DateTimeField(blank=True, null=True, verbose_name='last progress at')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='started by')),
                ('estate', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='tenants.estate', verbose_name='estate')),
            ],
            options={
                'verbose_name': 'job',
                'verbose_name_plural': 'jobs',
                'ordering': ['-created_at', '-pk'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('key', ''), _negated=True), fields=('kind', 'key'), name='desk_job_once_per_key'), models.CheckConstraint(condition=models.Q(('done__lte', models.F('total')), ('total', 0), _connector='OR'), name='desk_job_done_within_total')],
            },
        ),
    ]
