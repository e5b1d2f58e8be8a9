def check_marked_content(pdf):
    pass
