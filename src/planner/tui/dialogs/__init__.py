"""Modal dialogs: each a ``ModalScreen[Result]`` that dismisses with its value."""
