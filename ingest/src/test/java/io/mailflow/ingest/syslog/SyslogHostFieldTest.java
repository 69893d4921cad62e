package io.mailflow.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyslogHostFieldTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "<22>1 2026-06-10T09:28:17.123+02:00 mx1.example.net postfix/smtp 4711 - - 4BQ1: to=<a@b.example>|mx1.example.net",
        "<22>1 2026-06-10T09:28:17Z - postfix/smtp 4711 - - 4BQ1: to=<a@b.example>|NULL",
        "1 2026-06-10T09:28:17Z mx2 postfix/qmgr - - - removed|mx2",
        "<22>Jun 10 09:28:17 mx1 postfix/smtp[4711]: 4BQ1: to=<a@b.example>|mx1",
        "<22>Jun  1 09:28:17 mx1 postfix/smtp[4711]: 4BQ1: removed|mx1",
        "Okt 10 09:28:17 mx3 postfix/smtp[4711]: 4BQ1: removed|mx3",
        "<22>Jun 10 09:28:17 postfix/smtp[4711]: 4BQ1: removed|NULL",
        "<22>Jun 10 09:28:17 postfix: warning: something|NULL",
        "<22>2026-06-10T09:28:17.123456+02:00 mx4 postfix/smtp[4711]: 4BQ1: removed|mx4",
        "plain text without a header|NULL",
    })
    void extractsHostnameOrNull(String message, String expectedHost) {
        assertThat(SyslogHostField.extract(message)).isEqualTo(expectedHost);
    }
}
