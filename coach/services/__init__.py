"""Use cases the page, the command line and the chat all call."""
