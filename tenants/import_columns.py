"""The columns of the register workbook: headers, aliases, allowed values and limits.

Shared by the reader (`tenants.imports`) and the downloadable template.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from tenants.models import Occupancy, Resident, Unit

# The template's example phones: numbers no resident can have (the demo's seeder avoids them),
# so importing the example row as it is never merges with, or writes to, a real resident.
EXAMPLE_MOBILE = "13800000000"
EXAMPLE_EMERGENCY_PHONE = "13900000000"
EXAMPLE_PHONES = frozenset({EXAMPLE_MOBILE, EXAMPLE_EMERGENCY_PHONE})


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # canonical, as in the template; the same in every language
    label: str  # translated, for messages and the explanation sheet
    required: bool = False
    aliases: tuple = ()
    help: str = ""
    example: object = ""


RESIDENT_FIELDS = [
    "name",
    "name_en",
    "kind",
    "contact_person",
    "mobile",
    "phone_other",
    "email",
    "emergency_contact_name",
    "emergency_contact_phone",
]

COLUMNS = [
    Column(
        "estate_code",
        "Estate code",
        gettext_lazy("Estate code"),
        required=True,
        aliases=("项目编码", "项目代码", "小区编码"),
        help=gettext_lazy("The code of one of your estates."),
        example="CH",
    ),
    Column(
        "building",
        "Building",
        gettext_lazy("Building number"),
        required=True,
        aliases=("楼栋", "楼号", "楼栋号"),
        example="3",
    ),
    Column(
        "unit",
        "Unit",
        gettext_lazy("Unit number"),
        required=True,
        aliases=("房号", "单元", "房间号"),
        example="1502",
    ),
    Column(
        "floor",
        "Floor",
        gettext_lazy("Floor"),
        required=True,
        aliases=("楼层",),
        help=gettext_lazy("A whole number; basements are negative."),
        example=15,
    ),
    Column(
        "floor_area",
        "Floor area (m²)",
        gettext_lazy("Floor area (m²)"),
        required=True,
        aliases=("Floor area", "Area", "建筑面积", "建筑面积(m²)", "建筑面积(㎡)", "面积"),
        help=gettext_lazy("Greater than 0, at most 2 decimal places."),
        example=89.5,
    ),
    Column("usage", "Usage", gettext_lazy("Usage"), aliases=("用途",), example="residence"),
    Column("status", "Status", gettext_lazy("Status"), aliases=("状态",), example="occupied"),
    Column(
        "handover_date",
        "Handover date",
        gettext_lazy("Handover date"),
        aliases=("交房日期", "交付日期"),
        help=gettext_lazy("A date, e.g. 2024-06-30."),
        example=datetime.date(2020, 6, 30),
    ),
    Column(
        "name",
        "Resident name",
        gettext_lazy("Resident name"),
        aliases=("Name", "业户姓名", "姓名", "名称", "业户名称"),
        help=gettext_lazy("Leave the resident columns empty for a unit without a resident."),
        example="张伟",
    ),
    Column(
        "name_en",
        "English name",
        gettext_lazy("English name"),
        aliases=("英文名", "英文名称"),
        example="Zhang Wei",
    ),
    Column("kind", "Kind", gettext_lazy("Kind"), aliases=("类型", "业户类型"), example="person"),
    Column(
        "contact_person",
        "Contact person",
        gettext_lazy("Contact person"),
        aliases=("联系人",),
        help=gettext_lazy("For a company."),
    ),
    Column(
        "mobile",
        "Mobile",
        gettext_lazy("Mobile"),
        aliases=("手机", "手机号", "手机号码"),
        help=gettext_lazy("Digits only. A resident is found again by estate, name and mobile."),
        example=EXAMPLE_MOBILE,
    ),
    Column(
        "phone_other",
        "Other phone",
        gettext_lazy("Other phone"),
        aliases=("其他电话", "固定电话"),
        help=gettext_lazy("Digits only."),
    ),
    Column(
        "email",
        "Email",
        gettext_lazy("Email"),
        aliases=("邮箱", "电子邮件", "电子邮箱"),
        example="zhang.wei@example.com",
    ),
    Column(
        "emergency_contact_name",
        "Emergency contact",
        gettext_lazy("Emergency contact"),
        aliases=("紧急联系人",),
        example="李红",
    ),
    Column(
        "emergency_contact_phone",
        "Emergency contact phone",
        gettext_lazy("Emergency contact phone"),
        aliases=("紧急联系人电话", "紧急联系电话"),
        help=gettext_lazy("Digits only."),
        example=EXAMPLE_EMERGENCY_PHONE,
    ),
    Column(
        "role",
        "Occupancy role",
        gettext_lazy("Occupancy role"),
        aliases=("Role", "身份", "入住身份"),
        example="owner",
    ),
    Column(
        "move_in",
        "Move-in date",
        gettext_lazy("Move-in date"),
        aliases=("入住日期",),
        help=gettext_lazy("Required with a resident. A date, e.g. 2024-06-30."),
        example=datetime.date(2020, 7, 1),
    ),
]
COLUMNS_BY_KEY = {c.key: c for c in COLUMNS}
CHOICES = {
    "usage": Unit.Usage,
    "status": Unit.Status,
    "kind": Resident.Kind,
    "role": Occupancy.Role,
}
MAX_LENGTHS = {
    "building": 16,
    "unit": 16,
    "name": 100,
    "name_en": 100,
    "contact_person": 100,
    "email": 254,
    "emergency_contact_name": 100,
}
PHONE_FIELDS = ("mobile", "phone_other", "emergency_contact_phone")
