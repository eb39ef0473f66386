"""Sending mail when SMTP is configured; without it, callers show the link instead."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app


def mail_is_configured() -> bool:
    return bool(current_app.config.get("CAPCOMMUN_SMTP_HOST"))


def send_mail(to: str, subject: str, body: str) -> None:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["CAPCOMMUN_MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(
        config["CAPCOMMUN_SMTP_HOST"], config["CAPCOMMUN_SMTP_PORT"], timeout=10
    ) as smtp:
        if config["CAPCOMMUN_SMTP_STARTTLS"]:
            smtp.starttls()
        if config.get("CAPCOMMUN_SMTP_USER"):
            smtp.login(config["CAPCOMMUN_SMTP_USER"], config["CAPCOMMUN_SMTP_PASSWORD"] or "")
        smtp.send_message(message)
