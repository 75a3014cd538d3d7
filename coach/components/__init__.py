"""Components: chat model, embeddings, vector store, database engine; each backend chosen once."""
