"""The choices of an output (``findings.output_models.Output``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutputType(models.TextChoices):
    REPORT = "report", _("Report")
    WHITE_PAPER = "white_paper", _("White paper")
    TOOLKIT = "toolkit", _("Toolkit")
    POLICY_BRIEF = "policy_brief", _("Policy brief")
    DATASET = "dataset", _("Dataset")
    RECORDING = "recording", _("Recording")


class Licence(models.TextChoices):
    """Common licences; empty means the record does not say (nobody told us)."""

    NOT_STATED = "", _("Not stated")
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "CC-BY-NC-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"
    CC_BY_ND = "CC-BY-ND-4.0", "CC BY-ND 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


#: Each licence's address (SPDX identifiers as values; what JSON-LD's ``license`` names).
LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}
