package dev.sim800emu.cli.replay;

import dev.sim800emu.modem.config.ChipModel;
import dev.sim800emu.modem.config.Firmware;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.record.Recording;
import dev.sim800emu.modem.runtime.VirtualModem;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A fresh emulator in this process, posing as the recording's model and firmware (its IMEI too),
 * with real sockets: the host's side goes straight to its line, DTR and RTS included, and its
 * output lines come back for comparison.
 */
final class InProcessLink implements ReplayLink {
    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final NettyNetwork network;
    private final VirtualModem modem;
    private final Received received;
    private volatile VirtualModem.Host host;

    InProcessLink(Recording recording, Received received) throws Exception {
        ChipModel model = recording.option("model") == null ? ChipModel.SIM800L : ChipModel.parse(recording.option("model"));
        Firmware firmware = recording.option("firmware") == null ? Firmware.R14_18
                : Firmware.parse(recording.option("firmware"));
        if (model == null || firmware == null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalArgumentException("the recording's model or firmware is not one the emulator plays ("
                    + ChipModel.names() + "; " + Firmware.names() + ")");
        }
        ModemIdentity id = ModemIdentity.forIndex(0, model, firmware);
        String imei = recording.option("imei");
        if (imei != null && imei.matches("\\d{15}")) {
            id = id.withImei(imei);
        }
        ModemConfig config = ModemConfig.builder().identity(id).build();
        network = new NettyNetwork(group.next(), NetworkOptions.defaults());
        modem = new VirtualModem(config, network.eventLoop(), network);
        this.received = received;
    }

    @Override
    public void connect() throws IOException {
        CompletableFuture<VirtualModem.Host> f = new CompletableFuture<>();
        modem.run(e -> f.complete(modem.connectHost("replay", bytes -> received.add(bytes, 0, bytes.length),
                received::lines)));
        try {
            host = f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the emulator did not take the host: " + e, e);
        }
    }

    @Override
    public void disconnect(boolean powerOff) {
        VirtualModem.Host h = host;
        if (h != null) {
            host = null;
            modem.runAndWait(e -> h.disconnect(powerOff)).orTimeout(5, TimeUnit.SECONDS).join();
        }
    }

    @Override
    public boolean reportsLines() {
        return true;
    }

    @Override
    public void send(byte[] bytes) {
        modem.input(bytes.clone());
    }

    @Override
    public boolean control(boolean rts, boolean asserted) {
        if (rts) {
            modem.hostRts(asserted);
        } else {
            modem.hostDtr(asserted);
        }
        return true;
    }

    @Override
    public String describe() {
        return "an in-process emulator";
    }

    @Override
    public void close() {
        try {
            modem.runAndWait(e -> e.powerOff()).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stopping anyway
        }
        network.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
