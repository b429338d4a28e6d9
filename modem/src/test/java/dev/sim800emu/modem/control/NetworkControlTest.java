package dev.sim800emu.modem.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.net.DnsFault;
import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.net.ServerHandle;
import dev.sim800emu.modem.net.ServerListener;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ManualClock;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** Link faults, network conditions and the status snapshot. */
class NetworkControlTest {
    private final ModemHarness h = new ModemHarness().quiet();

    private void ctl(ControlCommand c) {
        h.modem.control().apply(c);
    }

    private void multi() {
        h.at("AT+CIPMUX=1;+CSTT=\"CMNET\";+CIICR;+CIFSR");
        h.take();
    }

    private FakeLink multiLink(int id) {
        h.at("AT+CIPSTART=" + id + ",\"TCP\",\"10.0.0." + (id + 1) + "\",80");
        FakeLink l = h.net.last();
        l.connect();
        assertThat(h.take()).isEqualTo("\r\n" + id + ", CONNECT OK\r\n");
        return l;
    }

    @Test
    void resetLooksLikeThePeersReset() {
        multi();
        multiLink(0);
        FakeLink l = multiLink(1);
        ctl(new ControlCommand.Link(1, LinkFault.RESET));
        assertThat(h.take()).isEqualTo("\r\n1, CLOSED\r\n");
        assertThat(l.aborted).isTrue();
        assertThat(h.at("AT+CIPSTATUS=1")).isEqualTo("\r\n+CIPSTATUS: 1,0,\"TCP\",\"10.0.0.2\",\"80\",\"CLOSED\"\r\n\r\nOK\r\n");
        assertThatThrownBy(() -> ctl(new ControlCommand.Link(1, LinkFault.RESET))).hasMessage("link 1 is not open");
        assertThatThrownBy(() -> ctl(new ControlCommand.Link(6, LinkFault.RESET))).hasMessage("link must be 0-5, not 6");
    }

    @Test
    void blackholeHoldsSendOkUntilRestored() {
        h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
        FakeLink l = h.net.last();
        l.connect();
        h.take();
        l.autoAck = true;
        ctl(new ControlCommand.Link(0, LinkFault.BLACKHOLE));
        assertThat(h.modem.control().status().links().get(0).fault()).isEqualTo("BLACKHOLE");
        assertThat(h.at("AT+CIPSEND=5")).isEqualTo("\r\n> ");
        h.send("hello");
        l.receive("ignored meanwhile");
        h.clock.advance(60_000);
        assertThat(h.take()).as("no SEND OK, no data from a silent peer").isEmpty();
        ctl(new ControlCommand.Link(0, LinkFault.RESTORE));
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\nignored meanwhile");
        assertThat(l.sentText()).isEqualTo("hello");
        assertThat(h.modem.control().status().links().get(0).fault()).isEmpty();
    }

    @Test
    void blackholeShowsInCipack() {
        h.at("AT+CIPQSEND=1");
        h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
        FakeLink l = h.net.last();
        l.connect();
        h.take();
        ctl(new ControlCommand.Link(0, LinkFault.BLACKHOLE));
        h.at("AT+CIPSEND=4");
        h.send("data");
        assertThat(h.take()).isEqualTo("\r\nDATA ACCEPT:4\r\n");
        l.ackAll();
        assertThat(h.at("AT+CIPACK")).isEqualTo("\r\n+CIPACK: 4,0,4\r\n\r\nOK\r\n");
        ctl(new ControlCommand.Link(0, LinkFault.RESTORE));
        l.ackAll();
        assertThat(h.at("AT+CIPACK")).isEqualTo("\r\n+CIPACK: 4,4,0\r\n\r\nOK\r\n");
    }

    @Test
    void networkCommandsGoToThePort() {
        LinkConditions gprs = LinkConditions.preset("gprs");
        ctl(new ControlCommand.Network(gprs));
        assertThat(h.net.conditions).isEqualTo(gprs);
        assertThat(h.modem.control().status().conditions()).isEqualTo(gprs);
        ctl(new ControlCommand.LatencySpike(2000, 10_000));
        assertThat(h.net.spikes).containsExactly(new long[] {2000, 10_000});
        ctl(new ControlCommand.RefuseConnections(true));
        assertThat(h.net.refusing).isTrue();
        ctl(new ControlCommand.Dns(DnsFault.SLOW, 5000));
        assertThat(h.net.dnsDelayMillis).isEqualTo(5000);
        assertThatThrownBy(() -> ctl(new ControlCommand.Dns(DnsFault.SLOW, 0))).hasMessage("DNS delay must be 1-120000 ms, not 0");
        assertThatThrownBy(() -> ctl(new ControlCommand.LatencySpike(0, 10))).hasMessageStartingWith("latency spike must be");
        assertThat(h.take()).isEmpty();
    }

    @Test
    void dnsFailureReachesTheHost() {
        h.net.name("www.sim.com", "10.1.2.3");
        h.at("AT+CSTT=\"CMNET\";+CIICR;+CIFSR");
        h.take();
        ctl(new ControlCommand.Dns(DnsFault.FAIL, 0));
        assertThat(h.at("AT+CDNSGIP=\"www.sim.com\"")).isEqualTo("\r\nOK\r\n\r\n+CDNSGIP: 0,8\r\n");
        ctl(new ControlCommand.Dns(DnsFault.RESTORE, 0));
        assertThat(h.at("AT+CDNSGIP=\"www.sim.com\"")).isEqualTo("\r\nOK\r\n\r\n+CDNSGIP: 1,\"www.sim.com\",\"10.1.2.3\"\r\n");
    }

    @Test
    void aNetworkWithoutShapingRefusesInOneLine() {
        Network bare = new Network() {
            @Override
            public NetLink open(LinkRequest request, LinkListener listener) {
                throw new AssertionError();
            }

            @Override
            public ServerHandle listen(int port, ServerListener listener) {
                throw new AssertionError();
            }

            @Override
            public void resolve(String host, ResolveCallback callback) {
                throw new AssertionError();
            }
        };
        ModemEngine m = new ModemEngine(ModemConfig.builder().bootMillis(0).build(), new ManualClock(), bare);
        assertThatThrownBy(() -> m.control().apply(new ControlCommand.Network(LinkConditions.IDEAL)))
                .isInstanceOf(ControlException.class).hasMessage("this network cannot shape links");
    }

    @Test
    void statusShowsRadioStateAndLinks() {
        multi();
        FakeLink l = multiLink(2);
        h.at("AT+CIPSEND=2,3");
        h.send("abc");
        l.ack(2);
        l.receive("hello");
        h.take();
        ctl(new ControlCommand.Signal(12, 0));
        ModemStatus s = h.modem.control().status();
        assertThat(s.power()).isEqualTo("ON");
        assertThat(s.registration()).isEqualTo("HOME");
        assertThat(s.rssi()).isEqualTo(12);
        assertThat(s.simInserted()).isTrue();
        assertThat(s.gprsAttached()).isTrue();
        assertThat(s.ipState()).isEqualTo("IP PROCESSING");
        assertThat(s.links()).hasSize(6);
        assertThat(s.links().get(2)).isEqualTo(new ModemStatus.LinkStatus(2, "CONNECTED", "TCP", "10.0.0.3:80", 3, 2, 5, ""));
        assertThat(s.links().get(0)).isEqualTo(new ModemStatus.LinkStatus(0, "INITIAL", "", "", 0, 0, 0, ""));
        assertThat(s.conditions()).isEqualTo(LinkConditions.IDEAL);
        ctl(new ControlCommand.Sim(false));
        h.take();
        s = h.modem.control().status();
        assertThat(s.registration()).isEqualTo("NONE");
        assertThat(s.simInserted()).isFalse();
        assertThat(s.gprsAttached()).isFalse();
        assertThat(s.ipState()).isEqualTo("PDP DEACT");
    }
}
