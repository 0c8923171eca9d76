"""Interactive, self-contained HTML maps: network, layout, page, actor selection and style."""
