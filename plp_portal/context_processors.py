from django.conf import settings


def site(request):
    """The site's name, for the base template's title and header, and its contact address,
    for the footer."""
    return {"site_name": settings.SITE_NAME, "contact_email": settings.PLP_CONTACT_EMAIL}
