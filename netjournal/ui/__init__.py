"""The Qt desktop interface: shell, panels, item models, dialogs and widgets over one shared Session."""
