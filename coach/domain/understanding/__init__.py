"""Understanding a chat message: which peer it means, what it asks for, with which details."""
