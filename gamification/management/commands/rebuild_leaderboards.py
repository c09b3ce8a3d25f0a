"""Rebuild XP totals and every leaderboard (database and Redis) from the XP ledger."""

from django.core.management.base import BaseCommand

from gamification import services


class Command(BaseCommand):
    help = "Rebuild XP totals and every leaderboard from the XP ledger, the source of truth."

    def handle(self, *args, **options):
        count = services.leaderboards_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt {count} boards from the ledger."))
