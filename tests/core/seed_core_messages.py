# ruff: noqa: E501 - the seed's sentences, whole
"""The seed's two sets of core messages (seeds/002), as printed there, bold words marked.

Copied here so the tests do not trust the template they check.
"""

CORE_MESSAGES_AS_SHARED = (
    "Clinical and Care Professional system Leadership in south east London must be underpinned by a clear, purposeful strategy which describes why the ICS exists and how it will improve patient outcomes.",
    "We must be **ambitious in our approach** to integrated clinical and care professional system leadership. Seeking to learn from others and become world leaders in the area.",
    "The integration of clinical and care professional systems leadership with **managerial and executive leadership** will result in better health outcomes and experiences of care for the people of SE London and increased joy at work for our leaders.",
    "Meaningful system-wide clinical and care professional leadership should be framed around key functions or programmes of work that have a clear benefit of being addressed at system level",
    "Clinical and care professional leadership must be integrated into our formal system **governance structures** and networks. But for this to be successful we must develop a **culture and community of innovative**, **impactful and inclusive** clinical and care professional leadership across all levels.",
    "Clinical and care professional leadership across south east london must be **inclusive** and reflect the **diversity**, breadth and depth of our system across care settings, place, professional groups and networks and the population we serve.",
    "We must support system-wide clinical and care professional leadership development. There must be a clear support offer that supports the development of skills, behaviours, tools and relationships required when working effectively across organisational and professional boundaries",
    "The **ICS** should act as a **convener** and **enabler** for clinical and care professional leaders. Aiming to empower locally rather than developing a new set of architecture.",
    "We must develop and foster a culture of learning in south east London which is underpinned by psychological safety. We must share our successes, and learn and apply them across the system.",
)
UPDATED_CORE_MESSAGES = (
    "Clinical and care professional leadership across south east london must be **inclusive** and reflect the **diversity**, breadth and depth of our system across care settings, place, professional groups and networks and the population we serve. We must seek to be as **multidisciplinary** as possible, engaging leaders at all levels and representing the wide breadth of sectors and organisations working across south east London.",
    "Clinical and care professional system leadership in south east London must be underpinned by a **clear, purposeful and motivational strategy** which identifies the improved patient outcomes for the population of SEL, describes why the ICS exists and how it will improve patient lives. The voice of our population must be meaningfully heard and represented within this strategy.",
    "Clinical and care professional leadership must be integrated into our formal system governance structures and networks. But for this to be successful we must develop a community of innovative, impactful and inclusive clinical and care professional leadership across all levels which underpinned by a network of relationships based on trust and a culture of connectedness.",
    "Meaningful system-wide clinical and care professional leadership should be framed around **key functions or programmes of work** that have a clear benefit of being addressed at system level and focus down on what leaders can collectively contribute to the broader system.",
    "We must develop and foster a **culture of learning** in south east London which is underpinned by **psychological safety**. We must share our successes, and learn and apply them across the system.",
    "We must be **ambitious in our approach** to integrated clinical and care professional system leadership and veer away from short-term thinking and the expectation of immediate results. Clear timescales and sufficient and dedicated time is needed to truly embed and develop our new approach.",
    "We must support system-wide clinical and care professional **leadership development**. There must be a clear support offer that supports the development of skills, behaviours, tools and relationships required when working effectively across organisational and professional boundaries",
    "The integration of clinical and care professional systems leadership with **managerial and executive leadership** will result in better health outcomes and experiences of care for the people of SE London and increased joy at work for our leaders.",
    "The ICS should act as a convener and enabler for clinical and care professional leaders. Aiming to empower locally rather than developing a new set of architecture.",
)
