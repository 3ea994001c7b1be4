"""The errors a user can meet. The CLI prints each as one line and exits.

Every message names the thing, the problem and the fix.
"""


class BriefingError(Exception):
    """Base class: a problem the user can fix. Exit status 1."""

    exit_code = 1


class UsageError(BriefingError):
    """A wrong command-line value, such as a malformed week. Exit status 2."""

    exit_code = 2


class ConfigError(BriefingError):
    """The config file is missing or holds bad values."""


class InputError(BriefingError):
    """An input file could not be used (fatal only with --strict)."""


class EmptyWeekError(BriefingError):
    """No article belongs to the asked week."""


class TemplateError(BriefingError):
    """A template failed to load or render; the message names file and line."""


class DeliveryError(BriefingError):
    """Mail could not be sent (server unreachable, refused, not approved)."""


class StateError(DeliveryError):
    """The state database is missing a table, of another version, or damaged; the message says how to recover."""


class OutputError(BriefingError):
    """The output folder or one of its files cannot be written."""


class FontError(BriefingError):
    """The PDF would draw a character no installed font has (an empty box)."""


class EditorialError(BriefingError):
    """The week's editorial file is malformed or names an item or section that does not exist."""
