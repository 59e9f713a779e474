"""The one error the cycle's services raise for input they refuse."""


class CycleInputError(ValueError):
    """Input refused with a message for the user, in bokmål."""
