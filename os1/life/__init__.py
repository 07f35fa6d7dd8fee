"""The small machinery of the person's life: reminders, the scheduler that lets OS1 speak first,
mail and the calendar."""
