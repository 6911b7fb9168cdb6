"""Estate and its staff move from `tenants` into `desk`, keeping every row and id.

Step 1 of 3 (then tenants 0005, then desk 0007): desk takes the model over in the
migration state, on the tables that exist (`tenants_estate`, `tenants_estate_staff`,
`tenants_historicalestate`); nothing in the database changes. desk's own links to an
estate follow in state. Every app's link moves in its own migration before tenants drops
its Estate from the state.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

ESTATE = migrations.CreateModel(
    name="Estate",
    fields=[
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
        ("name_en", models.CharField(blank=True, max_length=100, verbose_name="English name")),
        ("code", models.SlugField(help_text="Short code used in numbers.", max_length=12, unique=True, verbose_name="code")),
        ("address", models.CharField(blank=True, max_length=200, verbose_name="address")),
        ("time_zone", models.CharField(default="Asia/Shanghai", max_length=64, verbose_name="time zone")),
        ("staff", models.ManyToManyField(blank=True, related_name="estates", to=settings.AUTH_USER_MODEL, verbose_name="staff")),
    ],
    options={
        "verbose_name": "estate",
        "verbose_name_plural": "estates",
        "ordering": ["name"],
        # The tables as they are; desk 0007 renames them (the staff table follows).
        "db_table": "tenants_estate",
    },
)

HISTORICAL_ESTATE = migrations.CreateModel(
    name="HistoricalEstate",
    fields=[
        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
        ("name", models.CharField(db_index=True, max_length=100, verbose_name="name")),
        ("name_en", models.CharField(blank=True, max_length=100, verbose_name="English name")),
        ("code", models.SlugField(help_text="Short code used in numbers.", max_length=12, verbose_name="code")),
        ("address", models.CharField(blank=True, max_length=200, verbose_name="address")),
        ("time_zone", models.CharField(default="Asia/Shanghai", max_length=64, verbose_name="time zone")),
        ("history_id", models.AutoField(primary_key=True, serialize=False)),
        ("history_date", models.DateTimeField(db_index=True)),
        ("history_change_reason", models.CharField(max_length=100, null=True)),
        ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
        ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
    ],
    options={
        "verbose_name": "historical estate",
        "verbose_name_plural": "historical estates",
        "ordering": ("-history_date", "-history_id"),
        "get_latest_by": ("history_date", "history_id"),
        "db_table": "tenants_historicalestate",
    },
    bases=(simple_history.models.HistoricalChanges, models.Model),
)


class Migration(migrations.Migration):

    dependencies = [
        ("desk", "0005_number_sequence"),
        ("tenants", "0004_estate_settings"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                ESTATE,
                HISTORICAL_ESTATE,
                migrations.AlterField(
                    model_name="job",
                    name="estate",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="desk.estate", verbose_name="estate"),
                ),
                migrations.AlterField(
                    model_name="numbersequence",
                    name="estate",
                    field=models.ForeignKey(blank=True, help_text="Empty for a series of the whole company.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="desk.estate", verbose_name="estate"),
                ),
            ],
            database_operations=[],
        ),
    ]
