"""The Gradio page, one module per tab."""
