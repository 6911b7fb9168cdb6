"""`manage.py seed_demo [--scale demo|reference] [--seed N]`: demo data and the logins.

Idempotent: when the scale's estates exist, it only re-ensures the logins and prints them.
The seeders and their contract are in desk/seeding.py.
"""

import time

from django.core.management.base import BaseCommand

from desk import seeding


class Command(BaseCommand):
    help = "Seed a demo (or the reference-scale) estate and print one login per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=list(seeding.SCALES),
            default="demo",
            help="demo (default, ~200 units), reference (DESIGN.md scale), tiny (tests).",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")

    def handle(self, *args, scale, seed, **options):
        started = time.monotonic()
        verbose = options["verbosity"] >= 1
        log = self.stdout.write if verbose else None
        if verbose:
            self.stdout.write(f"Seeding the {scale} estate (seed {seed})...")
        ctx, ran = seeding.run(scale=scale, seed=seed, log=log)
        if not verbose:
            return
        names = ", ".join(e.name for e in ctx.estates)
        if ran:
            seconds = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"Seeded {names} in {seconds:.1f} s."))
        else:
            self.stdout.write(f"{names}: already seeded; logins re-ensured.")
        self.stdout.write("")
        rows = [("Role", "Username", "Password"), *seeding.login_rows()]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for i, row in enumerate(rows):
            line = "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
            if i == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write(
            self.style.WARNING(
                "DEMO DATA: every login above shares one published password. "
                "Never seed a database that real people use."
            )
        )
