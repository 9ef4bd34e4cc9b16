"""Close the help posts whose time on the board has passed and tell their
residents. Meant to run once a day (cron); running it twice closes nothing
more. The time is BUURTPLEIN_HELP_POST_OPEN_DAYS, fixed when a post is approved.
"""

from django.core.management.base import BaseCommand

from helpboard.expiry import help_posts_expire


class Command(BaseCommand):
    # Operator-facing, like Django's own commands: English, not translated.
    help = (
        "Close published help requests and offers whose time on the board has "
        "passed, and mail their residents. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only list the posts that would be closed.",
        )

    def handle(self, *args, **options) -> None:
        posts = help_posts_expire(dry_run=options["dry_run"])
        if options["verbosity"] > 0:
            verb = "Would close" if options["dry_run"] else "Closed"
            noun = "help post" if len(posts) == 1 else "help posts"
            self.stdout.write(f"{verb} {len(posts)} {noun} past their time.")
            if options["verbosity"] > 1:
                for post in posts:
                    self.stdout.write(
                        f"  #{post.pk} (expired {post.expires_at:%Y-%m-%d})"
                    )
