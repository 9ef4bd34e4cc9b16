from wagtail.search import index


def reindex_published_page(sender, instance, **kwargs):
    """Index a page again once it is published with its child rows.

    Wagtail indexes a page on its own save, before modelcluster saves the
    child rows (an organisation's services and locations), so searching for a
    new service would otherwise not find it until the next save.
    """
    index.insert_or_update_object(instance)
