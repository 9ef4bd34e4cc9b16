"""Wagtail's page actions with the four-eyes rule added.

API v3 looks its page actions up in Wagtail's action registry; these
subclasses (registered in ``publishing_hooks``) refuse to make a page live
unless ``direct_publishing_permitted``: publish, create or update with
``"action": "publish"``, a copy that keeps live pages live, and a live alias.
The admin's bulk "Publiceren" lists pages the rule refuses as pages the user
may not publish. The admin's editor, create and copy views are guarded by
hooks in ``publishing_hooks``.
"""

from wagtail.actions.copy_page import CopyPageAction, CopyPagePermissionError
from wagtail.actions.create import CreatePermissionError
from wagtail.actions.create_alias import (
    CreatePageAliasAction,
    CreatePageAliasPermissionError,
)
from wagtail.actions.create_page import CreatePageAction
from wagtail.actions.edit import EditPermissionError
from wagtail.actions.edit_page import EditPageAction
from wagtail.actions.publish_page_revision import (
    PublishPagePermissionError,
    PublishPageRevisionAction,
)
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.models import Page

from .publishing import direct_publishing_permitted, refusal_message


def _makes_live(page: Page, *, recursive: bool) -> bool:
    """Whether copying or aliasing ``page`` (with its subpages) yields a live page."""
    if recursive:
        return Page.objects.descendant_of(page, inclusive=True).live().exists()
    return page.live


class FourEyesPublishPageRevisionAction(PublishPageRevisionAction):
    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        if (
            self.user
            and not skip_permission_checks
            and not direct_publishing_permitted(user=self.user, page=self.object)
        ):
            raise PublishPagePermissionError(refusal_message())


class FourEyesCreatePageAction(CreatePageAction):
    def check_publish(self):
        super().check_publish()
        if (
            self.user
            and self.publish
            and not direct_publishing_permitted(
                user=self.user, page=self.parent, new_child=True
            )
        ):
            raise CreatePermissionError(refusal_message())


class FourEyesEditPageAction(EditPageAction):
    def check_publish(self):
        super().check_publish()
        if (
            self.user
            and self.publish
            and not direct_publishing_permitted(user=self.user, page=self.instance)
        ):
            raise EditPermissionError(refusal_message())


class FourEyesCopyPageAction(CopyPageAction):
    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        destination = self.to or self.page.get_parent()
        if (
            self.user
            and not skip_permission_checks
            and self.keep_live
            and _makes_live(self.page, recursive=self.recursive)
            and not direct_publishing_permitted(
                user=self.user, page=destination, new_child=True
            )
        ):
            raise CopyPagePermissionError(refusal_message())


class FourEyesCreatePageAliasAction(CreatePageAliasAction):
    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        destination = self.parent or self.page.get_parent()
        if (
            self.user
            and not skip_permission_checks
            and _makes_live(self.page, recursive=self.recursive)
            and not direct_publishing_permitted(
                user=self.user, page=destination, new_child=True
            )
        ):
            raise CreatePageAliasPermissionError(refusal_message())


PAGE_ACTIONS = (
    FourEyesPublishPageRevisionAction,
    FourEyesCreatePageAction,
    FourEyesEditPageAction,
    FourEyesCopyPageAction,
    FourEyesCreatePageAliasAction,
)


class FourEyesPublishBulkAction(PublishBulkAction):
    """Bulk "Publiceren" only for pages the user may publish directly."""

    def check_perm(self, page):
        return super().check_perm(page) and direct_publishing_permitted(
            user=self.request.user, page=page
        )
