package io.continuity.server.notify;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends a notification as a plain-text e-mail through the configured SMTP server. */
final class EmailChannel implements DeliveryChannel {

  private final JavaMailSender mail;
  private final String from;

  EmailChannel(JavaMailSender mail, String from) {
    this.mail = mail;
    this.from = from;
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public void send(Notification notification) throws DeliveryFailure {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(notification.address());
    message.setSubject(notification.subject());
    message.setText(notification.body());
    try {
      mail.send(message);
    } catch (MailException e) {
      throw new DeliveryFailure(
          "SMTP refused or unreachable: " + DeliveryFailure.safe(rootMessage(e), null));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
