"""Export a plan or a programme: iCalendar (RFC 5545), Markdown and HTML agendas; and import busy
times from the attendee's own calendars. Pure functions build the documents; ``writers`` puts them
on disk atomically and never overwrites a file that is not one of ours without ``force``."""
