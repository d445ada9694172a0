"""Style measurement: each axis moves the way a reader would expect."""

from assistant.analysis import style_metrics


def test_casual_shouty_caption_is_informal_and_energetic():
    loud = style_metrics("OMG you guys!!! This serum is literally INSANE 😍😍🔥 obsessed lol #skincare #glow #ad")
    calm = style_metrics("We tested the shell in two wet springs. It kept the rain out; the zip needs a wax now and then.")
    assert loud.energy > 0.5 > calm.energy
    assert loud.formality < calm.formality
    assert loud.exclamation > 0 and calm.exclamation == 0
    assert loud.emoji == 3 and calm.emoji == 0
    assert loud.hashtags == 3 and calm.hashtags == 0
    assert loud.caps > 0 and calm.caps == 0
    assert loud.slang > 0 and calm.slang == 0


def test_formal_prose_scores_more_formal_than_chat():
    formal = style_metrics(
        "The committee has determined that, pursuant to the regulations, the application must therefore be "
        "reconsidered. Furthermore, additional documentation is required."
    )
    chat = style_metrics("ngl this hike kinda slapped, my legs are toast tho. we're doing it again tomorrow")
    assert formal.formality >= 0.7
    assert chat.formality <= 0.3


def test_person_contractions_and_sentence_length():
    m = style_metrics("I think you'll like it. We're out on Sunday. You can't miss us.")
    assert m.first_person > 0 and m.second_person > 0
    assert m.contractions > 0
    assert 3 <= m.sentence_length <= 6
    long = style_metrics(
        "This is a single sentence that goes on and on without stopping because it wants to describe every "
        "small detail of the walk from the car park to the top of the hill and back again."
    )
    assert long.sentence_length > 30


def test_profanity_and_humour_cues():
    assert style_metrics("This trail is a damn nightmare").profanity == 1.0
    assert style_metrics("This trail is a lovely walk").profanity == 0.0
    assert style_metrics("The tent did not survive (the tent had opinions).").humour == 1.0
    assert style_metrics("The tent is 1.2 kg and packs small.").humour == 0.0


def test_acronyms_are_not_shouting():
    assert style_metrics("Wear SPF and check the UV index before you go.").caps == 0.0
    assert style_metrics("Wear SUNSCREEN before you go.").caps > 0.0


def test_feed_metrics_pool_over_texts_and_empty_input_is_zero():
    feed = style_metrics(["One emoji 🌲 here.", "None here.", "Two 🌲🌲 here."])
    assert feed.texts == 3 and feed.emoji == 1.0
    empty = style_metrics([])
    assert empty.texts == 0 and empty.words == 0
