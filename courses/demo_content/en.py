"""English demo content: the source every translation starts from."""

CATALOGUE = {
    "slug": "academy",
    "title": "Course catalogue",
    "intro": "<p>Everything you need to help customers well, from day one.</p>",
}

COURSES = [
    {
        "slug": "data-protection-on-calls",
        "title": "Data protection on calls",
        "category": "protocol",
        "summary": "Verify who you are talking to before you disclose anything.",
        "estimated_minutes": 30,
        "xp_value": 150,
        "prerequisites": [],
        "lessons": [
            {
                "slug": "why-verification-matters",
                "title": "Why verification matters",
                "estimated_minutes": 8,
                "body": [
                    {"type": "heading", "value": {"text": "Account data is personal data"}},
                    {"type": "paragraph", "value": "<p>Placeholder lesson body.</p>"},
                ],
            },
            {
                "slug": "verifying-a-caller",
                "title": "Verifying a caller",
                "estimated_minutes": 10,
                "body": [{"type": "paragraph", "value": "<p>Placeholder.</p>"}],
            },
            {
                "slug": "card-details",
                "title": "Card details",
                "estimated_minutes": 10,
                "body": [{"type": "paragraph", "value": "<p>Placeholder.</p>"}],
            },
        ],
    },
]

PATHS = [
    {
        "slug": "first-two-weeks",
        "title": "First two weeks",
        "intro": "<p>Your onboarding path.</p>",
        "courses": [("data-protection-on-calls", 3)],
    },
]
