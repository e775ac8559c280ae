"""Small reusable widgets: data comes down, Message dataclasses go up."""
