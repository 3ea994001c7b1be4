"""briefing: turns a week of market news into a weekly briefing (HTML, PDF, DOCX)."""

__version__ = "0.1.0"
