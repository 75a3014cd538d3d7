"""The edges people touch, the page and the command line: parse, call a service, render."""
