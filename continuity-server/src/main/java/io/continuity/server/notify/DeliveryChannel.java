package io.continuity.server.notify;

/** Sends stored notifications of one channel (e-mail or webhook). */
interface DeliveryChannel {

  Channel channel();

  /**
   * Sends it, or throws saying why not.
   *
   * @throws DeliveryFailure when the server or receiver refused it or could not be reached
   */
  void send(Notification notification) throws DeliveryFailure;
}
