"""The register seeder's people: residents, companies and their occupancies, planned in
memory from `ctx.rng` (names, mobiles, ID numbers with a valid check digit)."""

from datetime import timedelta

from tenants.import_columns import EXAMPLE_PHONES
from tenants.models import Occupancy, Resident, Unit

SURNAMES = (
    "王" * 9
    + "李" * 9
    + "张" * 8
    + "刘" * 7
    + "陈" * 6
    + "杨" * 4
    + "黄" * 3
    + "赵" * 3
    + "吴" * 3
    + "周" * 3
    + "徐" * 2
    + "孙" * 2
    + "马" * 2
    + "朱" * 2
    + "胡" * 2
    + "郭" * 2
    + "何" * 2
    + "高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
    + "石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_MALE = "伟强磊军勇杰涛明超鹏斌浩辉峰俊亮刚平建国志华文宇晨轩子豪博宏海"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀英玲婷雪慧颖琳欣怡佳萱梅兰红燕晶倩璐"
COMPANY_WORDS = [
    "恒信",
    "瑞丰",
    "华誉",
    "嘉禾",
    "中科",
    "东方",
    "鼎盛",
    "汇通",
    "锦程",
    "博远",
    "金源",
    "正泰",
    "新澜",
    "宏图",
    "卓越",
    "联创",
]
COMPANY_TRADES = [
    "贸易",
    "科技",
    "咨询",
    "餐饮管理",
    "文化传播",
    "投资管理",
    "信息技术",
    "物流",
    "设计",
    "医疗器械",
]
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "186",
    "187",
    "188",
    "189",
    "191",
    "199",
]
REGIONS = [
    "310101",
    "310104",
    "310105",
    "310106",
    "310107",
    "310109",
    "310110",
    "310112",
    "310113",
    "310115",
    "310115",
    "310115",
    "320102",
    "320583",
    "330106",
    "340104",
    "410105",
    "420106",
    "510107",
    "370102",
    "350203",
]
NOTES = [
    "钥匙寄存在前台",
    "独居老人，请多关注",
    "家中有宠物狗",
    "常年在外地，联系紧急联系人",
    "车位 B2-116",
    "只在晚上七点后方便上门",
]
MOVE_OUT_REASONS = ["房屋出售", "租约到期", "工作调动搬迁", "换房", "合同终止"]


class People:
    """Plans residents and occupancies in memory; the caller bulk-inserts them."""

    def __init__(self, rng, today):
        self.rng = rng
        self.today = today
        self.residents = []
        self.occupancies = []
        self.mobiles = {"13812345678", *EXAMPLE_PHONES}  # the busy owner's; the template's
        self.slots = []  # units that can take one more resident: [estate, unit, owner or None]
        self.extras = {}  # id(unit) -> residents attached beyond the owner

    # names, numbers -----------------------------------------------------------------

    def person_name(self, surname=None, female=None):
        rng = self.rng
        surname = surname or rng.choice(SURNAMES)
        female = rng.random() < 0.5 if female is None else female
        pool = GIVEN_FEMALE if female else GIVEN_MALE
        given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.6 else "")
        return surname + given, female

    def mobile(self):
        while True:
            number = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.mobiles:
                self.mobiles.add(number)
                return number

    def id_number(self, female, age):
        rng = self.rng
        born = self.today - timedelta(days=int(age * 365.25) + rng.randrange(365))
        seq = rng.randrange(100) * 10 + rng.choice([0, 2, 4, 6, 8] if female else [1, 3, 5, 7, 9])
        body = f"{rng.choice(REGIONS)}{born:%Y%m%d}{seq:03d}"
        weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
        return body + check

    def day_after(self, start, at_most_days):
        latest = (self.today - start).days
        return start + timedelta(days=self.rng.randrange(max(1, min(latest, at_most_days))))

    # records ------------------------------------------------------------------------

    def person(self, estate, surname=None, female=None, age=None):
        rng = self.rng
        name, female = self.person_name(surname, female)
        age = age if age is not None else rng.randint(25, 78)
        contact_name, _ = self.person_name()
        resident = Resident(
            estate=estate,
            kind=Resident.Kind.PERSON,
            name=name,
            mobile=self.mobile() if age >= 14 else "",
            id_number=self.id_number(female, age),
            email=f"{rng.randrange(10**5, 10**10)}@{rng.choice(['qq.com', '163.com', '126.com'])}"
            if rng.random() < 0.25
            else "",
            emergency_contact_name=contact_name if rng.random() < 0.7 else "",
            notes=rng.choice(NOTES) if rng.random() < 0.03 else "",
        )
        if resident.emergency_contact_name:
            resident.emergency_contact_phone = self.mobile()
        self.residents.append(resident)
        return resident

    def company(self, estate):
        rng = self.rng
        word, trade = rng.choice(COMPANY_WORDS), rng.choice(COMPANY_TRADES)
        contact, _ = self.person_name()
        code = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
        resident = Resident(
            estate=estate,
            kind=Resident.Kind.COMPANY,
            name=f"上海{word}{trade}有限公司",
            contact_person=contact,
            mobile=self.mobile(),
            phone_other=f"021-{rng.choice('56')}{rng.randrange(10**7):07d}",
            id_number=f"91310115MA1{code[:7]}",
        )
        self.residents.append(resident)
        return resident

    def occupy(self, unit, resident, role, move_in, move_out=None):
        self.occupancies.append(
            Occupancy(
                unit=unit,
                resident=resident,
                role=role,
                move_in=move_in,
                move_out=move_out,
                move_out_reason=self.rng.choice(MOVE_OUT_REASONS) if move_out else "",
            )
        )

    def past(self, unit, estate, role, handover):
        """Someone who lived here and left."""
        resident = self.person(estate)
        moved_in = self.day_after(handover, 365 * 6)
        left = moved_in + timedelta(days=self.rng.randint(180, 1500))
        if left >= self.today:
            left = self.today - timedelta(days=self.rng.randint(20, 200))
            moved_in = min(moved_in, left - timedelta(days=180))
        self.occupy(unit, resident, role, moved_in, left)

    # plan ---------------------------------------------------------------------------

    def plan_estate(self, spec, estate, units, busy_unit=None):
        for unit in units:
            if unit is busy_unit:
                self.busy_unit(unit, estate, spec["handover"])
                continue
            if unit.status == Unit.Status.VACANT:
                self.slots.append((estate, unit, None))
                continue
            handover = spec["handover"]
            if unit.usage == Unit.Usage.RESIDENCE:
                owner = self.person(estate)
                self.occupy(unit, owner, Occupancy.Role.OWNER, self.day_after(handover, 365 * 4))
                self.slots.append((estate, unit, owner))
            else:
                owner = self.company(estate)
                self.occupy(unit, owner, Occupancy.Role.OWNER, self.day_after(handover, 365 * 3))
                self.slots.append((estate, unit, owner))

    def busy_unit(self, unit, estate, handover):
        """3-1502: a family of four, a lodger, and a long line of earlier residents."""
        today = self.today
        for _ in range(5):
            self.past(unit, estate, Occupancy.Role.OCCUPANT, handover)
        owner = self.person(estate, surname="张", female=False, age=46)
        owner.name, owner.mobile = "张伟", "13812345678"
        self.occupy(unit, owner, Occupancy.Role.OWNER, handover + timedelta(days=30))
        spouse = self.person(estate, female=True, age=44)
        child = self.person(estate, surname="张", age=12)
        parent = self.person(estate, surname="张", female=False, age=74)
        for member in (spouse, child, parent):
            self.occupy(unit, member, Occupancy.Role.FAMILY, today - timedelta(days=900))
        lodger = self.person(estate, age=29)
        self.occupy(unit, lodger, Occupancy.Role.OCCUPANT, today - timedelta(days=120))

    def fill_to(self, target):
        """Family, tenants, company contacts and past residents until `target` residents."""
        rng = self.rng
        slots = list(self.slots)
        while len(self.residents) < target and slots:
            index = rng.randrange(len(slots))
            estate, unit, owner = slots[index]
            count = self.extras.get(id(unit), 0)
            if count >= (1 if owner is None else 4):
                slots[index] = slots[-1]
                slots.pop()
                continue
            self.extras[id(unit)] = count + 1
            handover = unit.handover_date
            if owner is None:
                self.past(unit, estate, Occupancy.Role.OWNER, handover)
            elif owner.kind == Resident.Kind.COMPANY:
                contact = self.person(estate, age=rng.randint(24, 55))
                role = Occupancy.Role.COMPANY_CONTACT
                self.occupy(unit, contact, role, self.day_after(handover, 365 * 5))
            elif rng.random() < 0.12:
                self.past(unit, estate, Occupancy.Role.OCCUPANT, handover)
            elif count == 0 and rng.random() < 0.18:
                tenant = self.person(estate, age=rng.randint(22, 45))
                role = Occupancy.Role.OCCUPANT
                self.occupy(unit, tenant, role, self.today - timedelta(days=rng.randint(10, 1100)))
            else:
                surname = owner.name[0] if rng.random() < 0.6 else None
                member = self.person(estate, surname=surname, age=rng.randint(3, 80))
                role = Occupancy.Role.FAMILY
                self.occupy(unit, member, role, self.day_after(handover, 365 * 6))
