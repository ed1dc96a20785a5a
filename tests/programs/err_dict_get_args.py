print({}.get())
