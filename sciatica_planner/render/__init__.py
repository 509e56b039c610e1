"""Views of exercises and weeks: terminal (rich), and later markdown, HTML and iCalendar."""
