package dev.sim800emu.modem.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** The HTTP application on the engine (manual ch. 11; sim800-apps.md §2), byte for byte. */
class HttpAppTest {
    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";
    private final ModemHarness h = new ModemHarness().quiet();

    private void ready(String url) {
        h.net.name("example.com", "93.184.216.34");
        assertThat(h.at("AT+SAPBR=1,1")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPINIT")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPPARA=\"CID\",1")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPPARA=\"URL\",\"" + url + "\"")).isEqualTo(OK);
    }

    private FakeLink action(int method) {
        int before = h.net.links.size();
        assertThat(h.at("AT+HTTPACTION=" + method)).isEqualTo(OK);
        assertThat(h.net.links).hasSize(before + 1);
        FakeLink l = h.net.last();
        l.connect();
        return l;
    }

    @Test
    void getDialogAsTheApplicationNote() {
        ready("http://example.com/api/x?a=1&b=2");
        FakeLink l = action(0);
        assertThat(l.request.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(l.request.port()).isEqualTo(80);
        assertThat(l.request.tls()).isNull();
        assertThat(l.sentText()).isEqualTo("GET /api/x?a=1&b=2 HTTP/1.1\r\nHost: example.com\r\n"
                + "User-Agent: SIMCOM_MODULE\r\nConnection: Keep-Alive\r\nAccept: */*\r\n\r\n");
        assertThat(h.take()).isEmpty();
        assertThat(h.at("AT+HTTPREAD")).as("nothing to read while busy").isEqualTo(OK);
        l.receive("HTTP/1.1 200 OK\r\nServer: Test\r\nContent-Length: 11\r\n\r\nhello");
        assertThat(h.at("AT+HTTPSTATUS?")).isEqualTo("\r\n+HTTPSTATUS: GET,1,5,6\r\n" + OK);
        l.receive(" world");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,200,11\r\n");
        assertThat(l.closed).isTrue();
        assertThat(h.at("AT+HTTPREAD")).isEqualTo("\r\n+HTTPREAD: 11\r\nhello world" + OK);
        assertThat(h.at("AT+HTTPREAD")).as("reading does not consume").isEqualTo("\r\n+HTTPREAD: 11\r\nhello world" + OK);
        assertThat(h.at("AT+HTTPREAD=6,100")).isEqualTo("\r\n+HTTPREAD: 5\r\nworld" + OK);
        assertThat(h.at("AT+HTTPREAD=0,4")).isEqualTo("\r\n+HTTPREAD: 4\r\nhell" + OK);
        assertThat(h.at("AT+HTTPREAD=11,4")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPHEAD")).isEqualTo("\r\n+HTTPHEAD: 53\r\n"
                + "http/1.1 200 ok\r\nserver: test\r\ncontent-length: 11\r\n\r\n" + OK);
        assertThat(h.at("AT+HTTPSTATUS?")).isEqualTo("\r\n+HTTPSTATUS: GET,0,0,0\r\n" + OK);
        assertThat(h.at("AT+HTTPTERM")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPTERM")).isEqualTo(ERROR);
        assertThat(h.at("AT+HTTPREAD")).isEqualTo(ERROR);
    }

    @Test
    void postWithHttpdataAndAContentType() {
        ready("example.com:8080/in");
        assertThat(h.at("AT+HTTPPARA=\"CONTENT\",\"application/json\"")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPPARA=\"USERDATA\",\"X-Key: 1\\r\\nX-Other: 2\"")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPDATA=7,10000")).isEqualTo("\r\nDOWNLOAD\r\n");
        // Drivers add a CR LF after the payload that is not counted: an empty line, ignored.
        h.send("{\"a\":1}\r\n");
        assertThat(h.take()).isEqualTo(OK);
        FakeLink l = action(1);
        assertThat(l.request.port()).isEqualTo(8080);
        assertThat(l.sentText()).isEqualTo("POST /in HTTP/1.1\r\nHost: example.com:8080\r\nUser-Agent: SIMCOM_MODULE\r\n"
                + "Content-Type: application/json\r\nContent-Length: 7\r\nConnection: Keep-Alive\r\nAccept: */*\r\n"
                + "X-Key: 1\r\nX-Other: 2\r\n\r\n{\"a\":1}");
        l.receive("HTTP/1.0 201 Created\r\nContent-Length: 0\r\n\r\n");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 1,201,0\r\n");
        assertThat(h.at("AT+HTTPSTATUS?")).isEqualTo("\r\n+HTTPSTATUS: POST,0,0,0\r\n" + OK);
    }

    @Test
    void httpdataTimeLimitKeepsWhatArrived() {
        ready("http://example.com/");
        assertThat(h.at("AT+HTTPDATA=100,1000")).isEqualTo("\r\nDOWNLOAD\r\n");
        h.send("abc");
        h.clock.advance(999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo(OK);
        assertThat(h.at("AT+HTTPREAD")).isEqualTo("\r\n+HTTPREAD: 3\r\nabc" + OK);
        assertThat(h.at("AT+HTTPDATA=0,1000")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPDATA=1,999")).isEqualTo(ERROR);
        assertThat(h.at("AT+HTTPDATA=319489,1000")).isEqualTo(ERROR);
    }

    @Test
    void chunkedRepliesAreDechunked() {
        ready("http://example.com/c");
        FakeLink l = action(0);
        l.receive("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        l.receive("6;ext=1\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,200,11\r\n");
        assertThat(h.at("AT+HTTPREAD")).isEqualTo("\r\n+HTTPREAD: 11\r\nhello world" + OK);
    }

    @Test
    void bodyUntilCloseAndHead() {
        ready("http://example.com/");
        FakeLink l = action(0);
        l.receive("HTTP/1.0 200 OK\r\n\r\nabc");
        l.peerClose();
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,200,3\r\n");
        FakeLink head = action(2);
        assertThat(head.sentText()).startsWith("HEAD / HTTP/1.1\r\n");
        head.receive("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 2,200,0\r\n");
    }

    @Test
    void redirectsAreFollowedWithRedir() {
        ready("http://example.com/old");
        assertThat(h.at("AT+HTTPPARA=\"REDIR\",1")).isEqualTo(OK);
        FakeLink first = action(0);
        first.receive("HTTP/1.1 302 Found\r\nLocation: /New\r\nContent-Length: 0\r\n\r\n");
        assertThat(first.closed).isTrue();
        FakeLink second = h.net.last();
        assertThat(second).isNotSameAs(first);
        second.connect();
        assertThat(second.sentText()).startsWith("GET /New HTTP/1.1\r\n");
        second.receive("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,200,2\r\n");
    }

    @Test
    void withoutRedirTheRedirectIsReported() {
        ready("http://example.com/old");
        FakeLink l = action(0);
        l.receive("HTTP/1.1 301 Moved\r\nLocation: http://example.com/new\r\nContent-Length: 3\r\n\r\nbye");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,301,3\r\n");
    }

    @Test
    void breakAndBreakendAskForARange() {
        ready("http://example.com/f");
        h.at("AT+HTTPPARA=\"BREAK\",2000");
        FakeLink l = action(0);
        assertThat(l.sentText()).contains("Range: bytes=2000-\r\n");
        l.receive("HTTP/1.1 206 Partial\r\nContent-Length: 0\r\n\r\n");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,206,0\r\n");
        h.at("AT+HTTPPARA=\"BREAKEND\",2999");
        assertThat(action(0).sentText()).contains("Range: bytes=2000-2999\r\n");
        h.net.last().receive("HTTP/1.1 206 Partial\r\nContent-Length: 0\r\n\r\n");
        h.take();
    }

    @Test
    void dnsFailureIs603() {
        ready("http://nowhere.test/");
        assertThat(h.at("AT+HTTPACTION=0")).isEqualTo(OK + "\r\n+HTTPACTION: 0,603,0\r\n");
        assertThat(h.at("AT+HTTPREAD")).isEqualTo(OK);
    }

    @Test
    void refusedIs601() {
        ready("http://example.com/");
        assertThat(h.at("AT+HTTPACTION=0")).isEqualTo(OK);
        h.net.last().refuse();
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,601,0\r\n");
    }

    @Test
    void badUrlsAre603OrError() {
        ready("http://:80/x");
        assertThat(h.at("AT+HTTPACTION=0")).isEqualTo(OK + "\r\n+HTTPACTION: 0,603,0\r\n");
        h.at("AT+HTTPPARA=\"URL\",\"http://example.com:99999/\"");
        assertThat(h.at("AT+HTTPACTION=0")).isEqualTo(OK + "\r\n+HTTPACTION: 0,603,0\r\n");
        h.at("AT+HTTPPARA=\"URL\",\"https://example.com/\"");
        assertThat(h.at("AT+HTTPACTION=0")).as("https without HTTPSSL").isEqualTo(OK + "\r\n+HTTPACTION: 0,603,0\r\n");
        h.at("AT+HTTPPARA=\"URL\",\"\"");
        assertThat(h.at("AT+HTTPACTION=0")).as("no URL").isEqualTo(ERROR);
        assertThat(h.net.links).isEmpty();
    }

    @Test
    void handshakeFailuresAre605And606() {
        ready("https://example.com/s");
        assertThat(h.at("AT+HTTPSSL=1")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPSSL?")).isEqualTo("\r\n+HTTPSSL: 1\r\n" + OK);
        assertThat(h.at("AT+HTTPACTION=0")).isEqualTo(OK);
        FakeLink l = h.net.last();
        assertThat(l.request.port()).isEqualTo(443);
        assertThat(l.request.tls().serverName()).isEqualTo("example.com");
        l.listener.onTlsFailed(true, "Received fatal alert: protocol_version");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,606,0\r\n");
        assertThat(h.at("AT+HTTPACTION=0")).isEqualTo(OK);
        h.net.last().listener.onTlsFailed(false, "certificate not trusted");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,605,0\r\n");
    }

    @Test
    void timeoutIs601AndClosesTheLink() {
        ready("http://example.com/");
        assertThat(h.at("AT+HTTPPARA=\"TIMEOUT\",29")).isEqualTo(ERROR);
        assertThat(h.at("AT+HTTPPARA=\"TIMEOUT\",30")).isEqualTo(OK);
        FakeLink l = action(0);
        l.receive("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        h.clock.advance(29_999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,601,0\r\n");
        assertThat(l.closed).isTrue();
        assertThat(h.at("AT+HTTPREAD")).isEqualTo(OK);
    }

    @Test
    void closedBearerIs601AndBusyIs604() {
        h.net.name("example.com", "93.184.216.34");
        h.at("AT+HTTPINIT");
        h.at("AT+HTTPPARA=\"URL\",\"example.com\"");
        assertThat(h.at("AT+HTTPACTION=0")).isEqualTo(OK + "\r\n+HTTPACTION: 0,601,0\r\n");
        assertThat(h.at("AT+SAPBR=1,1")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPACTION=0")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPACTION=1")).isEqualTo(OK + "\r\n+HTTPACTION: 1,604,0\r\n");
        FakeLink l = h.net.last();
        l.connect();
        l.receive("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,404,0\r\n");
    }

    @Test
    void notHttpIs600AndCutShortIs600() {
        ready("http://example.com/");
        action(0).receive("SSH-2.0-OpenSSH\r\n");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,600,0\r\n");
        FakeLink l = action(0);
        l.receive("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        l.peerClose();
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,600,0\r\n");
        action(0).peerClose();
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,601,0\r\n");
    }

    @Test
    void tooLargeIs602() {
        ready("http://example.com/");
        action(0).receive("HTTP/1.1 200 OK\r\nContent-Length: 400000\r\n\r\n");
        assertThat(h.take()).isEqualTo("\r\n+HTTPACTION: 0,602,0\r\n");
    }

    @Test
    void proxyGetsTheAbsoluteUrl() {
        ready("http://example.com/p");
        assertThat(h.at("AT+HTTPPARA=\"PROIP\",\"10.0.0.172\"")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPPARA=\"PROPORT\",8080")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPPARA=\"PROIP\",\"not-an-ip\"")).isEqualTo(ERROR);
        FakeLink l = action(0);
        assertThat(l.request.address().getHostAddress()).isEqualTo("10.0.0.172");
        assertThat(l.request.port()).isEqualTo(8080);
        assertThat(l.sentText()).startsWith("GET http://example.com/p HTTP/1.1\r\nHost: example.com\r\n");
        l.receive("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        h.take();
    }

    @Test
    void formsAndStateRules() {
        assertThat(h.at("AT+HTTPPARA=\"URL\",\"x\"")).as("before HTTPINIT").isEqualTo(ERROR);
        assertThat(h.at("AT+HTTPSTATUS?")).isEqualTo(ERROR);
        assertThat(h.at("AT+HTTPSSL=1")).isEqualTo(ERROR);
        assertThat(h.at("AT+HTTPINIT=?")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPINIT")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPINIT")).isEqualTo(ERROR);
        h.at("AT+CMEE=2");
        assertThat(h.at("AT+HTTPINIT")).isEqualTo("\r\n+CME ERROR: operation not allowed\r\n");
        assertThat(h.at("AT+HTTPACTION=?")).isEqualTo("\r\n+HTTPACTION: (0-3)\r\n" + OK);
        assertThat(h.at("AT+HTTPPARA=?")).isEqualTo("\r\n+HTTPPARA: \"HTTPParamTag\",\"HTTPParmValue\"\r\n" + OK);
        assertThat(h.at("AT+HTTPSSL=?")).isEqualTo("\r\n+HTTPSSL: (0-1)\r\n" + OK);
        assertThat(h.at("AT+HTTPSSL?")).isEqualTo("\r\n+HTTPSSL: 0\r\n" + OK);
        assertThat(h.at("AT+HTTPPARA=\"NOPE\",1")).isEqualTo(ERROR);
        assertThat(h.at("AT+HTTPPARA=\"CID\",4")).isEqualTo(ERROR);
        assertThat(h.at("AT+HTTPACTION=4")).isEqualTo(ERROR);
        assertThat(h.at("AT+HTTPPARA=\"url\",\"example.com/a\"")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPSCONT?")).isEqualTo("\r\n+HTTPSCONT: 1\r\nCID: 1\r\nURL: example.com/a\r\n"
                + "UA: SIMCOM_MODULE\r\nPROIP: 0.0.0.0\r\nPROPORT: 0\r\nREDIR: 0\r\nBREAK: 0\r\nBREAKEND: 0\r\n"
                + "USERDATA: \r\n" + OK);
        assertThat(h.at("AT+HTTPSCONT")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPSCONT?")).startsWith("\r\n+HTTPSCONT: 0\r\n");
        assertThat(h.at("AT+HTTPPARA?")).contains("\r\nTIMEOUT: 120\r\nCONTENT: \r\nUSERDATA: \r\n");
        assertThat(h.at("AT+HTTPTERM")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPINIT")).isEqualTo(OK);
        assertThat(h.at("AT+HTTPPARA?")).as("HTTPINIT starts from the saved context").contains("\r\nURL: example.com/a\r\n");
    }

    @Test
    void rebootOrTermDuringAnActionCancelsIt() {
        ready("http://example.com/");
        FakeLink l = action(0);
        assertThat(h.at("AT+HTTPTERM")).isEqualTo(OK);
        assertThat(l.closed).isTrue();
        l.receive("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(h.take()).isEmpty();
    }
}
