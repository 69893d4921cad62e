package io.mailflow.streams.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyTextsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "250 2.0.0 OK 1370843019 - gsmtp | 250 | 2.0.0",
        "host mx[1.2.3.4] said: 550-5.7.1 [203.0.113.183 1] Our system | 550 | 5.7.1",
        "host mx[1.2.3.4] said: 550 #5.1.0 Address rejected. | 550 | 5.1.0",
        "host mx[1.2.3.4] refused to talk to me: 421 Refused. | 421 | null",
        "delivery temporarily suspended: host mx[1.2.3.4] refused to talk to me: 554-web.de | 554 | null",
        "host mx[1.2.3.4] said: 451 4.7.651 The mail server | 451 | 4.7.651",
        "connect to mx.example.net[198.51.100.126]:25: Connection refused | null | null",
        "Host or domain name not found. Name service error for name=example.cz type=MX: Host not found, try again | null | null",
        "TLS is required, but was not offered by host mx[1.2.3.4] | null | null",
        "unknown user: \"scott\" | null | null",
        "delivered to maildir | null | null",
        "Deferred: 451 4.7.1 Greylisted | 451 | 4.7.1",
        "SMTP error from remote mail server after RCPT TO:<a@b>: 550 5.1.1 User unknown | 550 | 5.1.1",
        "250 | 250 | null",
        "600 not a reply code | null | null",
    })
    void replyCodeAndEnhancedStatusCode(String text, Integer code, String enhanced) {
        int index = ReplyTexts.replyCodeIndex(text);

        if (code == null) {
            assertThat(index).isEqualTo(-1);
            return;
        }
        assertThat(ReplyTexts.replyCodeAt(text, index)).isEqualTo(code);
        assertThat(ReplyTexts.enhancedStatusCode(text, index)).isEqualTo(enhanced);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "host mx2.free.fr[212.27.42.59] refused to talk to me: 421 | mx2.free.fr",
        "delivery temporarily suspended: connect to alt4.gmail-smtp-in.l.google.com[142.250.153.26]:25: Operation timed out | alt4.gmail-smtp-in.l.google.com",
        "lost connection with mx.example.com[198.51.100.2] while receiving the initial server greeting | mx.example.com",
        "TLS is required, but was not offered by host hotmail-com.olc.protection.outlook.com[104.47.2.33] | hotmail-com.olc.protection.outlook.com",
        "host mx[1.2.3.4] said: 550 5.7.1 [203.0.113.5] blocked | mx",
        "550 5.7.1 [203.0.113.5] blocked | null",
        "Name service error for name=example.cz type=MX | null",
    })
    void replyHost(String text, String host) {
        assertThat(ReplyTexts.replyHost(text)).isEqualTo(host);
    }
}
