package io.mailflow.ingest.stdin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JournaldHostFieldTest {

    @Test
    void readsHostnameOfJournaldRecord() {
        String line = "{\"__CURSOR\":\"s=1\",\"PRIORITY\":\"6\",\"_HOSTNAME\":\"mx7\",\"SYSLOG_IDENTIFIER\":"
                + "\"postfix/smtp\",\"MESSAGE\":\"4BQ1: removed\",\"_PID\":\"4711\"}";

        assertThat(JournaldHostField.extract(line)).isEqualTo("mx7");
    }

    @Test
    void nestedHostnameFieldIsIgnored() {
        assertThat(JournaldHostField.extract("{\"x\":{\"_HOSTNAME\":\"inner\"},\"MESSAGE\":\"m\"}")).isNull();
    }

    @Test
    void plainSyslogLineHasNoHostname() {
        assertThat(JournaldHostField.extract("Jun 10 09:28:17 mx1 postfix/smtp[4711]: removed")).isNull();
    }

    @Test
    void brokenJsonHasNoHostname() {
        assertThat(JournaldHostField.extract("{\"_HOSTNAME\":")).isNull();
        assertThat(JournaldHostField.extract("{\"MESSAGE\":\"m\", broken")).isNull();
    }

    @Test
    void nonStringHostnameIsIgnored() {
        assertThat(JournaldHostField.extract("{\"_HOSTNAME\":[1,2]}")).isNull();
    }
}
