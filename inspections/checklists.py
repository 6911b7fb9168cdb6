"""The items a checklist starts with, per round type, before a manager edits it.

They become stored text (a manager's checklist is what they typed), written in the language
of whoever first needs the checklist: the seeder writes them in Chinese.
"""

from django.utils.translation import gettext as _

from inspections.models import RoundType


def default_items(round_type: str) -> list[str]:
    items = {
        RoundType.PUBLIC_AREA: [
            _("Lobby and corridors clean and tidy"),
            _("Lighting works"),
            _("Fire exits clear, extinguishers in place"),
            _("Doors, locks and access control work"),
            _("No hazards (wet floor, loose tiles, exposed wires)"),
            _("Notice boards up to date"),
        ],
        RoundType.CLEANING: [
            _("Floors and stairs clean"),
            _("Bins emptied, waste room clean"),
            _("Glass and handrails wiped"),
            _("Toilets of the public areas clean"),
            _("Cleaners on post in uniform"),
        ],
        RoundType.GREENING: [
            _("Lawns mown and edged"),
            _("Plants watered, no dead plants"),
            _("Hedges and trees trimmed"),
            _("No litter in the beds"),
        ],
        RoundType.PEST_CONTROL: [
            _("Bait stations in place and checked"),
            _("No sign of rodents"),
            _("No mosquito breeding water"),
            _("Pest control record signed"),
        ],
        RoundType.SIGNAGE: [
            _("Signs in place and legible"),
            _("Exit and fire signs lit"),
            _("Temporary notices dated and tidy"),
        ],
        RoundType.EQUIPMENT: [
            _("Lifts run normally, alarm works"),
            _("Pump and switch rooms locked and dry"),
            _("Fire equipment pressure normal"),
            _("CCTV and intercom work"),
        ],
        RoundType.VACANT_UNIT: [
            _("Door and windows closed and locked"),
            _("No leaks or damp"),
            _("Water, power and gas off"),
            _("No sign of entry or damage"),
        ],
        RoundType.MANAGER: [
            _("Staff on post and in uniform"),
            _("Public areas clean and safe"),
            _("Open findings being corrected"),
            _("Front desk and service in order"),
        ],
    }
    return items[RoundType(round_type)]
