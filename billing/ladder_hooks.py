"""Where the reminder ladder plugs into desk: the visit task of the inbox, the ladder's days
in the estate settings, the front desk's print batch in the top bar."""

from django import forms
from django.utils.translation import gettext_lazy as _

from billing.models import LadderSettings
from desk.estate_settings import SettingsSection, limit_fields, register_settings_section
from desk.inbox import register_notification_kind
from desk.navigation import register_nav_item


def _stage_label(values):
    from billing.models import Stage

    stage = values.get("stage")
    return {**values, "stage": Stage(stage).label if stage in Stage.values else stage}


class LadderSettingsForm(forms.ModelForm):
    class Meta:
        model = LadderSettings
        fields = [
            "reminder_days",
            "deadline_days",
            "pay_within_days",
            "rep_visit_days",
            "supervisor_visit_days",
            "director_days",
        ]

    def __init__(self, *args, **kwargs):
        from billing.ladder_services import LIMITS, MESSAGES

        super().__init__(*args, **kwargs)
        limit_fields(self, LIMITS, MESSAGES)


def register_ladder():
    from billing.ladder import VISIT_KIND, ladder_settings_row
    from billing.ladder_services import ladder_settings_update

    register_notification_kind(
        VISIT_KIND,
        text=_("%(unit)s owes %(amount)s since %(since)s: %(stage)s. Record what you hear."),
        icon="house-exclamation",
        prepare=_stage_label,
    )
    register_settings_section(
        SettingsSection(
            key="ladder",
            title=_("Reminder ladder"),
            description=_(
                "Days after the oldest unpaid due date at which an overdue account reaches "
                "each stage; the reminder run moves an account one stage a day at most."
            ),
            form_class=LadderSettingsForm,
            row=ladder_settings_row,
            save=ladder_settings_update,
            permission="billing.change_laddersettings",
            order=45,
        )
    )
    from billing import panels
    from billing.cashup import open_cashup_panel
    from desk import roles
    from desk.home import register_home_panel

    register_home_panel(
        "billing.cashier",
        roles=[roles.CASHIER],
        template="billing/home_cashier.html",
        context=panels.cashier_today,
        order=25,
    )
    register_home_panel(
        "billing.open_cashup",
        roles=[roles.CASHIER],
        template="billing/home_open_cashup.html",
        context=lambda request: open_cashup_panel(request.user),
        order=25,
    )
    register_home_panel(
        "billing.rep_visits",
        roles=[roles.SERVICE_REP],
        template="billing/home_rep.html",
        context=panels.rep_visits,
        order=26,
    )
    register_nav_item(
        "billing:reminder_batch", _("Notices to print"), "printer", "billing.print_notice", order=46
    )
