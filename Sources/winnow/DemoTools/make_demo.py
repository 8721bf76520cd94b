#!/usr/bin/env python3
"""Writes Winnow's bundled demo dataset: ../Demo/demo.json and ../Demo/images/*.

Deterministic (no randomness): running it again gives the same bytes. Needs Pillow and the
Noto CJK font (Debian: python3-pil, fonts-noto-cjk). The texts are written for this project.
Usage: python3 make_demo.py
"""
import json
import os

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Demo")
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"


def font(size, bold=False):
    return ImageFont.truetype(BOLD if bold else FONT, size, index=2)  # index 2: Simplified Chinese


def shop_sign(path):
    img = Image.new("RGB", (320, 200), (178, 34, 34))
    d = ImageDraw.Draw(img)
    d.rectangle([10, 10, 310, 190], outline=(255, 215, 0), width=4)
    d.text((160, 70), "老王面馆", font=font(52, True), fill=(255, 215, 0), anchor="mm")
    d.text((160, 140), "营业时间：早七点至晚九点", font=font(18), fill=(255, 255, 255), anchor="mm")
    img.save(path, quality=80)


def menu_board(path):
    img = Image.new("RGB", (300, 240), (35, 60, 40))
    d = ImageDraw.Draw(img)
    d.text((150, 28), "今日菜单", font=font(30, True), fill=(250, 250, 240), anchor="mm")
    items = [("牛肉面", "18元"), ("炸酱面", "15元"), ("小笼包", "12元"), ("豆浆", "3元")]
    for i, (name, price) in enumerate(items):
        y = 80 + i * 40
        d.text((40, y), name, font=font(22), fill=(250, 250, 240), anchor="lm")
        d.text((260, y), price, font=font(22), fill=(255, 220, 120), anchor="rm")
    img.save(path, quality=80)


def road_sign(path):
    img = Image.new("RGB", (320, 180), (20, 90, 170))
    d = ImageDraw.Draw(img)
    d.rectangle([8, 8, 312, 172], outline=(255, 255, 255), width=3)
    d.text((24, 50), "← 人民广场  1.2公里", font=font(22), fill=(255, 255, 255), anchor="lm")
    d.text((24, 95), "↑ 火车站  3公里", font=font(22), fill=(255, 255, 255), anchor="lm")
    d.text((24, 140), "→ 西湖景区  5公里", font=font(22), fill=(255, 255, 255), anchor="lm")
    img.save(path)


def bar_chart(path):
    img = Image.new("RGB", (320, 220), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.text((160, 18), "各季度销量（万件）", font=font(18, True), fill=(0, 0, 0), anchor="mm")
    values = [("一季度", 12), ("二季度", 18), ("三季度", 9), ("四季度", 21)]
    for i, (label, v) in enumerate(values):
        x = 40 + i * 70
        d.rectangle([x, 190 - v * 6, x + 40, 190], fill=(70, 130, 180))
        d.text((x + 20, 190 - v * 6 - 12), str(v), font=font(14), fill=(0, 0, 0), anchor="mm")
        d.text((x + 20, 205), label, font=font(14), fill=(0, 0, 0), anchor="mm")
    d.line([30, 190, 310, 190], fill=(0, 0, 0), width=2)
    img.save(path, optimize=True)


def notice(path):
    img = Image.new("RGB", (300, 200), (250, 248, 230))
    d = ImageDraw.Draw(img)
    d.text((150, 30), "停水通知", font=font(28, True), fill=(180, 0, 0), anchor="mm")
    lines = ["因管道维修，本小区", "将于周六上午九点至", "下午三点停水，", "请居民提前储水。"]
    for i, line in enumerate(lines):
        d.text((30, 75 + i * 30), line, font=font(19), fill=(30, 30, 30), anchor="lm")
    img.save(path, quality=80)


IMAGES = {
    "images/noodle_shop.jpg": shop_sign,
    "images/menu.jpg": menu_board,
    "images/road_sign.png": road_sign,
    "images/sales_chart.png": bar_chart,
    "images/notice.jpg": notice,
}


def conv(*pairs):
    turns = []
    for i, (q, a) in enumerate(pairs):
        turns.append({"from": "human", "value": q})
        turns.append({"from": "gpt", "value": a})
    return turns


S = []


def add(image, turns, type_=None, id_=None, **extra):
    sample = {}
    sample["id"] = id_ if id_ is not None else "demo-%03d" % len(S)
    if image is not None:
        sample["image"] = image
    sample["conversations"] = turns
    if type_:
        sample["type"] = type_
    sample.update(extra)
    S.append(sample)


# --- Clean samples: conversation ----------------------------------------------------------
add("images/noodle_shop.jpg", conv(
    ("<image>\n招牌上写的店名是什么？", "招牌上写着“老王面馆”四个大字。"),
    ("这家店几点开门？", "招牌下方写着营业时间：早七点至晚九点，所以早上七点开门。"),
    ("招牌是什么颜色的？", "招牌是红底金字，边框也是金色的，看起来很喜庆。")), "conversation")
add("images/menu.jpg", conv(
    ("<image>\n菜单上最贵的是哪一样？", "最贵的是牛肉面，标价十八元。"),
    ("豆浆多少钱？", "豆浆三元一杯。"),
    ("点一碗炸酱面和两笼小笼包一共多少钱？", "炸酱面十五元，小笼包每笼十二元，两笼二十四元，合计三十九元。")), "conversation")
add("images/road_sign.png", conv(
    ("<image>\n去火车站应该往哪个方向走？", "路牌显示火车站在正前方，距离三公里。"),
    ("哪个地点离这里最近？", "人民广场最近，向左一点二公里。")))
add("images/sales_chart.png", conv(
    ("<image>\n哪个季度的销量最高？", "第四季度最高，为二十一万件。"),
    ("销量最低的是哪个季度？", "第三季度最低，只有九万件。"),
    ("全年一共卖了多少万件？", "十二加十八加九加二十一，全年共六十万件。")), "conversation")
add("images/notice.jpg", conv(
    ("<image>\n这是一则什么通知？", "这是一则停水通知。"),
    ("为什么要停水？", "因为管道需要维修。")))
add("images/noodle_shop.jpg", conv(
    ("<image>\n这张照片适合用在什么地方？", "适合用在介绍街边小吃店的文章里，招牌信息清楚。"),
    ("如果晚上十点去还能吃到面吗？", "恐怕不行：营业时间到晚上九点，十点已经打烊了。")))
add("images/menu.jpg", conv(
    ("<image>\n菜单一共有几样东西？", "一共四样：牛肉面、炸酱面、小笼包和豆浆。"),
    ("有没有饮料？", "有，豆浆可以算作饮品。")), id_=1007)

# --- Clean samples: detail ----------------------------------------------------------------
add("images/noodle_shop.jpg", conv(("请详细描述这张图片。\n<image>",
    "这是一块面馆的招牌。红色的底板上用金色粗体写着“老王面馆”，四周有一圈金色边框。"
    "下方是一行白色小字：“营业时间：早七点至晚九点”。整体配色鲜艳，给人热闹、亲切的感觉。")), "detail")
add("images/menu.jpg", conv(("<image>\n描述一下图片中的内容。",
    "图片是一块深绿色的黑板菜单，顶部写着“今日菜单”。下面列出四样食品及价格：牛肉面十八元、"
    "炸酱面十五元、小笼包十二元、豆浆三元。菜名在左侧，价格用黄色字写在右侧。")), "detail")
add("images/road_sign.png", conv(("<image>\n请对这张图片进行全面的描述。",
    "这是一块蓝底白字的指路牌，带白色边框。牌上有三行：向左到人民广场一点二公里；"
    "向前到火车站三公里；向右到西湖景区五公里。每行前面都有箭头指示方向。")))
add("images/sales_chart.png", conv(("<image>\n你能详细地描述一下这张图片吗？",
    "这是一张柱状图，标题为“各季度销量（万件）”。横轴是四个季度，纵轴是销量。"
    "一季度十二、二季度十八、三季度九、四季度二十一，每根柱子上方标有数值，蓝色柱体，白色背景。")))
add("images/notice.jpg", conv(("<image>\n请仔细观察图片，并描述你看到的内容。",
    "这是一张米黄色的告示，标题“停水通知”为红色粗体。正文说明：因管道维修，本小区将于周六上午九点至"
    "下午三点停水，请居民提前储水。文字为黑色，排列整齐。")), "detail")

# --- Clean samples: complex reasoning -----------------------------------------------------
add("images/sales_chart.png", conv(("<image>\n根据图表，公司下半年的表现比上半年好吗？为什么？",
    "总体差不多，但波动更大。上半年合计三十万件，下半年也是三十万件；不过三季度跌到九万件，"
    "四季度又升到二十一万件，说明下半年先低后高，可能受季节或促销影响。")), "complex_reasoning")
add("images/notice.jpg", conv(("<image>\n如果你住在这个小区，周六上午应该做哪些准备？",
    "应在周六上午九点前储好饮用水和生活用水，比如装满水壶和水桶；洗衣、洗澡等用水多的事情最好提前做完，"
    "并留意下午三点后是否恢复供水。")), "complex_reasoning")
add("images/road_sign.png", conv(("<image>\n一位游客想先去人民广场再去西湖，他该怎么走？",
    "先向左走约一点二公里到人民广场；西湖景区在路牌的右侧，距离五公里，因此从广场出发需要折返，"
    "总路程会比直接去西湖更长，建议乘公交或打车。")))
add("images/menu.jpg", conv(("<image>\n一个预算二十元的学生，怎样点餐最划算？",
    "可以点一碗炸酱面（十五元）加一杯豆浆（三元），共十八元，有主食有饮品，还剩两元。")))
add("images/noodle_shop.jpg", conv(("<image>\n从招牌的设计看，这家店想给顾客什么印象？",
    "红色和金色是中国传统的吉祥配色，加上“老王”这样亲切的称呼，店家想营造实惠、热闹、"
    "有人情味的老字号印象。")), "complex_reasoning")
add(None, conv(("没有图片时，你能判断这家面馆的口味吗？",
    "不能。没有图片也没有评价信息，无法判断口味，只能建议参考顾客点评。")), "complex_reasoning")
add("images/sales_chart.png", conv(("<image>\n第四季度比第三季度增长了百分之多少？",
    "从九万件增至二十一万件，增长十二万件，增幅约为百分之一百三十三。")), "complex_reasoning", source="demo")

# --- Messages-style samples (ShareGPT / LLaMA-Factory) ------------------------------------
S.append({"id": "demo-msg-1", "messages": [
    {"role": "user", "content": "<image>图中的标题是什么？"},
    {"role": "assistant", "content": "标题是“今日菜单”。"}], "images": ["images/menu.jpg"]})
S.append({"id": "demo-msg-2", "messages": [
    {"role": "user", "content": "<image>这块路牌上有几个地名？"},
    {"role": "assistant", "content": "有三个：人民广场、火车站和西湖景区。"},
    {"role": "user", "content": "哪个最远？"},
    {"role": "assistant", "content": "西湖景区最远，五公里。"}], "images": ["images/road_sign.png"]})

# --- Typical defects (reviewers should reject or fix these) ---------------------------------
add("images/menu.jpg", conv(("<image>\n小笼包多少钱一笼？", "助手：小笼包十二元一笼。")), "complex_reasoning",
    note="defect: leaked speaker prefix")
add("images/notice.jpg", conv(("<image>\n停水从几点开始？", "回答：停水从周六上午九点开始。"),
                             ("几点恢复？", "下午三点以后恢复供水。")), note="defect: leaked answer prefix")
add("images/sales_chart.png", conv(("请详细描述这张图片。\n<image>",
    "这是一张柱状图，标题为“各季度销量（万件）”。图中一季度为十二万件，二季度为十八万件，三季度")),
    "detail", note="defect: truncated answer")
add("images/road_sign.png", conv(("<image>\n去西湖景区要走多远？",
    "The sign says the West Lake scenic area is 5 km to the right.")), note="defect: English answer")
add("images/noodle_shop.jpg", conv(("招牌上的营业时间是什么？", "<image>\n营业时间是早七点至晚九点。")),
    note="defect: <image> in the answer instead of the question")
add("images/menu.jpg", conv(("<image>\n<image>\n菜单上有面条吗？", "有，牛肉面和炸酱面。")),
    note="defect: two <image> placeholders for one image")
add("images/notice.jpg", conv(("<image>\n通知的标题是什么颜色？",
    "标题是\u001b[31m红色\u001b[0m的粗体字。\u0007")), note="defect: terminal escape sequence and BEL in the text")
add("images/road_sign.png", conv(("<image>\n路牌上写的是哪个广场？",
    "是\u202e场广民人\u202c，向左一点二公里。")), note="defect: bidi override hides reversed text")
add("images/missing_photo.jpg", conv(("<image>\n图中的人在做什么？", "图中的人正在排队买早餐。")),
    note="defect: image file missing")
add("images/sales_chart.png", conv(("<image>\n哪个季度的销量最高？", "第四季度最高。"),
                                   ("<image>\n", "")), note="defect: empty turn")
add("images/notice.jpg", conv(("<image>\n请详细描述这张图片。",
    "图片里是一张停水通知。图片里是一张停水通知。图片里是一张停水通知。")), "detail",
    note="defect: repeated sentence")
add("images/menu.jpg", conv(("<image>\n牛肉面多少钱？", "牛肉面八十元。")), "complex_reasoning",
    note="defect: answer contradicts the image (18 元)")
S.append({"image": "images/noodle_shop.jpg", "conversations": [
    {"from": "human", "value": "<image>\n这家店叫什么名字？"},
    {"from": "gpt", "value": "老王面馆。"}], "note": "no id: Winnow shows #<index>"})


def main():
    os.makedirs(os.path.join(OUT, "images"), exist_ok=True)
    for rel, draw in IMAGES.items():
        draw(os.path.join(OUT, rel))
    with open(os.path.join(OUT, "demo.json"), "w", encoding="utf-8") as f:
        json.dump(S, f, ensure_ascii=False, indent=2)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(dp, n)) for dp, _, ns in os.walk(OUT) for n in ns)
    print("%d samples, %d images, %d bytes in %s" % (len(S), len(IMAGES), total, os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
