"""Compare the XP ledger with the totals and the leaderboards; exit 1 on any drift."""

from django.core.management.base import BaseCommand, CommandError

from gamification import services


class Command(BaseCommand):
    help = "Compare ledger sums, XP totals and leaderboard scores; exits 1 naming any drift."

    def handle(self, *args, **options):
        problems = services.ledger_drift()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} disagreement(s) with the ledger.", returncode=1)
        self.stdout.write(self.style.SUCCESS("Ledger, totals and leaderboards agree."))
