"""The participant web server: the phone page and its JSON API, on a background thread."""
