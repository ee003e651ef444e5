"""Writing the plan from the TUI: the export dialog's answer, a question before overwriting a
file, and the write itself (the command line's writer), with errors as notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.errors import PlannerError

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp
    from planner.tui.dialogs.export import ExportChoice


def export_chosen(app: PlannerApp, choice: ExportChoice | None) -> None:
    """The export dialog's answer: check the folder, ask before overwriting, write."""
    from planner.targets import check_folder

    if choice is None:
        return
    try:
        check_folder(choice.path)  # a mistyped folder is not made, as on the command line
    except PlannerError as error:
        app.report(error)
        return
    if choice.path.exists():
        from planner.tui.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                export(app, choice, overwrite=True)

        app.push_screen(
            ConfirmDialog(f"{choice.path} exists. Overwrite it?", "Overwrite", "Keep it"),
            answered,
        )
        return
    export(app, choice, overwrite=False)


def export(app: PlannerApp, choice: ExportChoice, *, overwrite: bool) -> None:
    """Write the current plan; errors are notifications."""
    from planner.export.writers import write_plan

    itinerary = app.itinerary
    if itinerary is None:
        return
    try:
        write_plan(
            choice.path,
            choice.format,
            itinerary,
            app.programme,
            force=overwrite,
            now=app.clock(),
            utc=choice.utc,
        )
    except PlannerError as error:
        app.report(error)
        return
    except OSError as error:
        app.report(PlannerError(f"{choice.path}: cannot write it ({error.strerror})"))
        return
    app.notify(f"Wrote {choice.path}", title="Exported")
