from viewer.citation import citation

SEED_ARTICLE = {
    "title": "“改革攻坚”与“民生提质”双轮驱动", "subtitle": "——交城县八大举措擘画2025年高质量发展新图景",
    "credits": {"文": ["冀美丽"], "图": ["褚泰杰", "田谷仓"]}, "publication": "吕梁日报",
    "date": "2025-04-03", "page": 8,
}


def test_seed_citation():
    assert citation(SEED_ARTICLE) == ("冀美丽. “改革攻坚”与“民生提质”双轮驱动: 交城县八大举措擘画2025年高质量发展新图景[N]. "
                                      "吕梁日报, 2025-04-03(8).")


def test_more_than_three_authors_end_with_deng():
    article = {**SEED_ARTICLE, "subtitle": "", "credits": {"记者": ["甲", "乙"], "通讯员": ["丙", "丁"]}}
    assert citation(article).startswith("甲, 乙, 丙, 等. “改革攻坚”与“民生提质”双轮驱动[N].")


def test_no_author_starts_with_the_title():
    article = {**SEED_ARTICLE, "subtitle": "", "credits": {"图": ["褚泰杰"]}}
    assert citation(article) == "“改革攻坚”与“民生提质”双轮驱动[N]. 吕梁日报, 2025-04-03(8)."


def test_the_page_label_as_printed():
    assert citation({**SEED_ARTICLE, "page_label": "A8"}).endswith("吕梁日报, 2025-04-03(A8).")


def test_an_unknown_paper_is_left_out_not_invented():
    assert citation({**SEED_ARTICLE, "publication": "未命名报纸"}).endswith("[N]. 2025-04-03(8).")
