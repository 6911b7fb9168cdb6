class IllegalTransition(Exception):
    """A state change that the rules do not allow; its message is shown to the user."""


class BusinessRuleError(Exception):
    """A request that the rules refuse; its message is translated and shown to the user."""
