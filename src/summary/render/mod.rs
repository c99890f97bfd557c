//! A summary as text, Markdown, HTML, CSV or JSON.
