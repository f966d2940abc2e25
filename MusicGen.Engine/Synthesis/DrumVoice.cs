using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Synthesised drum kit: swept-sine kick with click, two-mode snare with noise (with a gated room tail in kits that
/// ask for one), three-burst clap, six-square metallic hats/cymbals (Plaits' ratios, PolyBLEP squares), tuned toms,
/// side stick, shaker, brush taps and swirls, and timpani (floor toms in a kit that has them).
/// Songs play it through <see cref="SampledDrumVoice"/> one-shots (see <see cref="VoiceFactory"/>).
/// </summary>
public sealed class DrumVoice : Voice
{
    private static readonly float[] MetalRatios = [1f, 1.304f, 1.466f, 1.787f, 1.932f, 2.536f];
    private const float BrushSwirlSeconds = 0.5f;

    /// <summary>GM floor toms, played as the timpani in a kit with <see cref="DrumKitStyle.TimpaniHz"/>: dominant and tonic.</summary>
    public const int TimpaniDominant = 41, TimpaniTonic = 43;

    // A timpani's membrane modes against its principal tone (Rossing: (1,1), (2,1), (3,1), (4,1)), their levels and
    // decays (τ, s): near-harmonic, which is why a kettledrum has a pitch, and the upper ones die first, so a
    // struck note darkens into a long, warm hum.
    // The fifth entry is the boom: the air-loaded (0,1) mode, a sixth below, gone in 0.1 s.
    private static readonly float[] TimpaniRatios = [1f, 1.504f, 1.98f, 2.44f, 0.6f];
    private static readonly float[] TimpaniLevels = [1f, 0.45f, 0.25f, 0.12f, 0.6f];
    private static readonly float[] TimpaniDecays = [0.75f, 0.5f, 0.32f, 0.22f, 0.1f];

    /// <summary>Samples between updates of the timpani's falling pitch (0.7 ms at 44.1 kHz).</summary>
    private const int TimpaniBlock = 32;

    // The rumble's swell (τ of what it still has to build, s), its decay over the beat (τ, s), the drive into its soft
    // clip, the low-pass that keeps the clip's grit dark, and its level against the kick.
    private const float RumbleBuild = 0.05f, RumbleDecay = 0.35f, RumbleDrive = 30f, RumbleLowPassHz = 180f, RumbleLevel = 1.1f;

    private readonly DrumSound sound;
    private readonly DrumKitStyle style;
    private readonly float sampleRate, gain, dt, length;
    // The six oscillators are the lanes of one vector (lanes 6 and 7 idle): one step advances all of them.
    private readonly Vector256<float> metalIncrements;
    private Vector256<float> metalPhases;
    private readonly float toneHz;
    private Noise noise;
    private Svf filter, filter2, room;
    private float time, phase, phase2, toneDecay, noiseDecay;
    private float toneEnv = 1f, noiseEnv = 1f, sweepEnv = 1f, clickEnv = 1f;
    // The gated snare's room: its level (slow decay), how far it still has to build (1 → 0 in ~10 ms), and the gate.
    private float roomEnv = 1f, roomUnbuilt = 1f, gateEnv = 1f;
    private Svf rumbleRoom, rumbleTone;
    private Noise rumbleNoise;
    private float rumbleEnv = 1f, rumbleUnbuilt = 1f;
    private float toneCoef, noiseCoef, sweepCoef, clickCoef;
    private bool choked;
    private readonly bool timpani;
    // The timpani's modes as the lanes of one vector of decaying phasors (lanes 5–7 idle): a rotation per sample
    // advances and damps all of them at once.
    private Vector256<float> modeRe, modeIm;
    private readonly Vector256<float> modeDecay;
    private int sweepCounter;

    public DrumVoice(DrumSound sound, DrumKitStyle style, in NoteContext note)
    {
        this.sound = sound;
        this.style = style;
        sampleRate = note.SampleRate;
        dt = 1f / sampleRate;
        gain = note.Velocity;
        noise = new Noise(note.Seed);
        var hat = sound is DrumSound.ClosedHat or DrumSound.PedalHat or DrumSound.OpenHat;
        var hatTune = hat ? MathF.Pow(2f, style.HatTune / 12f) : 1f;
        var metalBase = sound switch
        {
            DrumSound.Ride => 520f,
            DrumSound.Crash => 460f,
            _ => 414f * (0.9f + 0.2f * style.MetalBrightness) * hatTune,
        };
        Span<float> increments = stackalloc float[8];
        Span<float> phases = stackalloc float[8];
        increments.Fill(0.25f);
        for (var i = 0; i < 6; i++)
        {
            increments[i] = metalBase * MetalRatios[i] / sampleRate;
            phases[i] = i * 0.17f;
        }

        metalIncrements = Vector256.Create<float>(increments);
        metalPhases = Vector256.Create<float>(phases);

        timpani = sound == DrumSound.Tom && style.TimpaniHz > 0f && note.Pitch is TimpaniDominant or TimpaniTonic;
        if (timpani)
        {
            // Each mode starts at its own phase (from the take's seed): struck together at phase 0 they would add to
            // one spike, and every take would be the same.
            Span<float> re = stackalloc float[8];
            Span<float> im = stackalloc float[8];
            Span<float> decay = stackalloc float[8];
            for (var m = 0; m < TimpaniRatios.Length; m++)
            {
                var start = (noise.Next() + 1f) * MathF.PI;
                (re[m], im[m]) = (TimpaniLevels[m] * MathF.Cos(start), TimpaniLevels[m] * MathF.Sin(start));
                decay[m] = MathF.Exp(-1f / (TimpaniDecays[m] * sampleRate));
            }

            (modeRe, modeIm, modeDecay) = (Vector256.Create<float>(re), Vector256.Create<float>(im), Vector256.Create<float>(decay));
        }

        // Toms in fourths and fifths around the kit's low tom (tuned to the tonic): floor, low, mid, high.
        toneHz = timpani ? style.TimpaniHz * (note.Pitch == TimpaniDominant ? 0.7491535f : 1f) : style.TomHz * note.Pitch switch
        {
            41 or 43 => 0.7491535f,
            48 => 1.3348399f,
            50 => 1.4983071f,
            _ => 1f,
        };
        (length, toneDecay, noiseDecay) = sound switch
        {
            DrumSound.Kick => (Math.Max(style.KickDecay * 1.6f, style.RumbleSeconds), style.KickDecay, 0.004f),
            // A gated snare stops just after its gate (the gate's release reaches −60 dB within 30 ms).
            DrumSound.Snare => (style.GateSeconds > 0f ? style.GateSeconds + 0.05f : style.SnareDecay * 2.5f, 0.09f, style.SnareDecay),
            DrumSound.Clap => (style.GateSeconds > 0f ? style.GateSeconds + 0.05f : 0.4f, 0f, 0.12f),
            DrumSound.SideStick => (0.12f, 0.025f, 0.02f),
            DrumSound.ClosedHat => (style.HatDecay * 4f, 0f, style.HatDecay),
            DrumSound.PedalHat => (0.12f, 0f, 0.03f),
            DrumSound.OpenHat => (0.9f, 0f, 0.32f),
            // A crash fades within its length (τ 0.8 s, −30 dB at the end): with τ 1.5 s it sat as a flat,
            // hard-edged block of noise over the whole bar in the spectrogram.
            // τ 0.6 s (the default kit): −40 dB at the end, so the cut-off tail does not stand as an edge.
            DrumSound.Crash => (style.CrashLength, 0f, style.CrashDecay),
            // Ride: the stick's ping (τ 0.2 s) over a short wash (τ 0.18 s). With a 1.1 s wash over 2.4 s,
            // eighth notes piled into one continuous broadband block in the spectrogram.
            DrumSound.Ride => (1.4f, 0f, 0.18f),
            // The timpani rings for seconds (−33 dB at its end): what tells it from a tom's 0.3 s thud.
            DrumSound.Tom when timpani => (2.5f, TimpaniDecays[0], 0.012f),
            DrumSound.Tom when style.GateSeconds > 0f => (style.GateSeconds + 0.05f, 0.32f, 0.08f),
            DrumSound.Tom => (0.9f, 0.32f, 0.08f),
            DrumSound.BrushTap => (0.25f, 0.03f, 0.04f),
            DrumSound.BrushSwirl => (BrushSwirlSeconds, 0f, 0f),
            // Shaker: a short grain (τ 25 ms). At 60 ms, sixteen hits a bar overlapped into a continuous noise wash.
            _ => (0.12f, 0f, 0.025f),
        };
        var sweepTau = sound switch
        {
            DrumSound.Kick => style.KickSweep,
            DrumSound.Ride => 0.2f,
            // The head's tension rises with a hard stroke and relaxes as it rings: the pitch falls into place.
            DrumSound.Tom when timpani => 0.12f,
            _ => 0.04f,
        };
        toneCoef = Coefficient(toneDecay);
        noiseCoef = Coefficient(noiseDecay);
        sweepCoef = Coefficient(sweepTau);
        clickCoef = Coefficient(0.003f);
        switch (sound)
        {
            case DrumSound.Snare when style.GateSeconds <= 0f:
                filter.Set(4500f, 0.8f, sampleRate);
                filter2.Set(1800f, 0.7f, sampleRate);
                break;
            case DrumSound.Clap:
                // A two-pole band-pass falls only 6 dB an octave: the low-pass keeps the clap's tail out of the
                // top octaves, where a clap on every backbeat read as broadband noise.
                filter.Set(1300f, 1.6f, sampleRate);
                filter2.Set(5000f, 0.7f, sampleRate);
                break;
            case DrumSound.SideStick:
                filter.Set(2200f, 2f, sampleRate);
                break;
            case DrumSound.ClosedHat or DrumSound.PedalHat or DrumSound.OpenHat:
                filter.Set(7000f * style.MetalBrightness * hatTune, 0.8f, sampleRate);
                filter2.Set(10000f, 0.7f, sampleRate);
                break;
            case DrumSound.Crash:
                filter.Set(4000f, 0.7f, sampleRate);
                break;
            case DrumSound.Ride:
                // Darker kits (jazz) get a darker wash.
                filter.Set(5000f * style.MetalBrightness, 1.2f, sampleRate);
                break;
            case DrumSound.Shaker:
                // Two band-pass stages around 8 kHz: beads are a band of noise, not white noise with a gentle low cut.
                filter.Set(8000f, 1.2f, sampleRate);
                filter2.Set(8000f, 1.2f, sampleRate);
                break;
            case DrumSound.Kick:
                filter.Set(3000f, 0.7f, sampleRate);
                rumbleRoom.Set(2f * style.KickEndHz, 0.7f, sampleRate);
                rumbleTone.Set(RumbleLowPassHz, 0.7f, sampleRate);
                rumbleNoise = new Noise(note.Seed ^ 0x5bd1e995u);
                break;
            case DrumSound.Tom when timpani:
                // The felt mallet: a dull knock, nothing of a stick's crack.
                filter.Set(700f, 0.7f, sampleRate);
                break;
            case DrumSound.Snare when style.GateSeconds > 0f:
                filter.Set(4500f, 0.8f, sampleRate);
                filter2.Set(1800f, 0.7f, sampleRate);
                // The room: a wide band of dense noise centred near 2.5 kHz, bright as an 80s plate or live room.
                room.Set(2500f, 0.45f, sampleRate);
                break;
            case DrumSound.Tom when style.GateSeconds > 0f:
                // The same room heard through the toms' microphones: its band sits lower, under the drum's own ring.
                room.Set(8f * toneHz, 0.5f, sampleRate);
                break;
            case DrumSound.BrushSwirl:
                filter2.Set(7000f, 0.6f, sampleRate);
                break;
            case DrumSound.BrushTap:
                // Wires on the head: a broad band of noise around 3 kHz and a low cut under the drum's body.
                filter.Set(3200f, 0.6f, sampleRate);
                filter2.Set(900f, 0.7f, sampleRate);
                break;
        }
    }

    /// <summary>An open hat is cut short by the next closed hat; other drums ring out.</summary>
    public void Choke() => choked = true;

    public DrumSound Sound => sound;

    /// <summary>How long the hit rings before the voice stops.</summary>
    public float LengthSeconds => length;

    public override void NoteOff()
    {
    }

    public override bool Render(Span<float> output)
    {
        if (sound is DrumSound.ClosedHat or DrumSound.PedalHat or DrumSound.OpenHat or DrumSound.Crash or DrumSound.Ride)
        {
            RenderMetal(output);
            return time < length && !(choked && time > 0.01f);
        }

        if (sound is DrumSound.Kick or DrumSound.Snare or DrumSound.Tom)
        {
            RenderPitched(output);
            return time < length && !(choked && time > 0.01f);
        }

        for (var n = 0; n < output.Length; n++)
        {
            output[n] += Sample() * gain;
            time += dt;
            toneEnv *= toneCoef;
            noiseEnv *= noiseCoef;
            sweepEnv *= sweepCoef;
            clickEnv *= clickCoef;
        }

        return time < length && !(choked && time > 0.01f);
    }

    /// <summary>
    /// Hats, crash and ride: the same expressions as <see cref="Sample"/> in the same order, with the state held in
    /// locals through the loop (the metals are the longest one-shots). They read only the noise and sweep envelopes.
    /// </summary>
    private void RenderMetal(Span<float> output)
    {
        var f1 = filter;
        var f2 = filter2;
        var random = noise;
        var phases = metalPhases;
        var increments = metalIncrements;
        var t = time;
        var step = dt;
        var level = gain;
        var noiseLevel = noiseEnv;
        var noiseStep = noiseCoef;
        var sweep = sweepEnv;
        var sweepStep = sweepCoef;
        switch (sound)
        {
            case DrumSound.Crash:
                for (var n = 0; n < output.Length; n++)
                {
                    var metal = Metal(ref phases, increments) * 0.65f + random.Next() * 0.35f;
                    var attack = Math.Min(1f, t * 400f);
                    output[n] += f1.HighPass(metal) * noiseLevel * attack * 0.4f * level;
                    t += step;
                    noiseLevel *= noiseStep;
                }

                break;

            case DrumSound.Ride:
            {
                var p1 = phase;
                var p2 = phase2;
                for (var n = 0; n < output.Length; n++)
                {
                    // The ping: two inharmonic bell partials, narrow lines that read as a pitch and not as noise.
                    p1 += 3100f * step;
                    p2 += 3100f * 1.47f * step;
                    p1 -= MathF.Floor(p1);
                    p2 -= MathF.Floor(p2);
                    var ping = (SineTable.Sin(p1) + 0.4f * SineTable.Sin(p2)) * sweep * 0.3f;
                    var wash = f1.BandPass(Metal(ref phases, increments) * 0.6f + random.Next() * 0.15f) * noiseLevel * 0.8f;
                    output[n] += (wash + ping) * 0.4f * level;
                    t += step;
                    noiseLevel *= noiseStep;
                    sweep *= sweepStep;
                }

                phase = p1;
                phase2 = p2;
                break;
            }

            default:
                for (var n = 0; n < output.Length; n++)
                {
                    var metal = Metal(ref phases, increments) * 0.7f + random.Next() * 0.3f;
                    var bright = f1.HighPass(metal);
                    output[n] += f2.LowPass(bright) * noiseLevel * 0.55f * level;
                    t += step;
                    noiseLevel *= noiseStep;
                }

                break;
        }

        filter = f1;
        filter2 = f2;
        noise = random;
        metalPhases = phases;
        time = t;
        noiseEnv = noiseLevel;
        sweepEnv = sweep;
    }

    /// <summary>
    /// Kick, snare and toms, the same way as <see cref="RenderMetal"/>: <see cref="Sample"/>'s former expressions
    /// with the state in locals, stepping only the envelopes each drum reads (a kick's 4 ms noise envelope, unread,
    /// would otherwise crawl through denormals for most of the hit).
    /// </summary>
    private void RenderPitched(Span<float> output)
    {
        var f1 = filter;
        var f2 = filter2;
        var random = noise;
        var p1 = phase;
        var p2 = phase2;
        var t = time;
        var step = dt;
        var level = gain;
        var (tone, toneStep) = (toneEnv, toneCoef);
        var (noiseLevel, noiseStep) = (noiseEnv, noiseCoef);
        var (sweep, sweepStep) = (sweepEnv, sweepCoef);
        var (click, clickStep) = (clickEnv, clickCoef);
        switch (sound)
        {
            case DrumSound.Kick:
            {
                var (endHz, startHz, clickLevel) = (style.KickEndHz, style.KickStartHz, style.KickClick);
                for (var n = 0; n < output.Length; n++)
                {
                    var f = endHz + (startHz - endHz) * sweep;
                    p1 += f * step;
                    var body = SineTable.Sin(p1) * tone;
                    var clicked = f1.LowPass(random.Next()) * click * clickLevel;
                    var x = 1.6f * body + clicked;
                    output[n] += 1.05f * x / (1f + 0.45f * MathF.Abs(x)) * level;
                    t += step;
                    tone *= toneStep;
                    sweep *= sweepStep;
                    click *= clickStep;
                }

                if (style.RumbleSeconds > 0f)
                {
                    AddRumble(output);
                }

                break;
            }

            case DrumSound.Snare when style.GateSeconds > 0f:
                RenderGatedSnare(output);
                return;

            case DrumSound.Tom when timpani:
                RenderTimpani(output);
                return;

            case DrumSound.Tom when style.GateSeconds > 0f:
                RenderGatedTom(output);
                return;

            case DrumSound.Snare:
            {
                var (hz, toneLevel) = (style.SnareHz, style.SnareTone);
                for (var n = 0; n < output.Length; n++)
                {
                    p1 += hz * step;
                    p2 += hz * 1.4983071f * step;
                    var body = (SineTable.Sin(p1) + 0.6f * SineTable.Sin(p2)) * tone * toneLevel;
                    var white = random.Next();
                    var rattle = (f1.LowPass(white) - 0.5f * f2.LowPass(white)) * noiseLevel;
                    output[n] += (0.9f * body + 1.1f * rattle) * level;
                    t += step;
                    tone *= toneStep;
                    noiseLevel *= noiseStep;
                }

                break;
            }

            default:
                for (var n = 0; n < output.Length; n++)
                {
                    var f = toneHz * (1f + 0.6f * sweep);
                    p1 += f * step;
                    output[n] += (SineTable.Sin(p1) * tone * 1.1f + random.Next() * noiseLevel * 0.08f) * level;
                    t += step;
                    tone *= toneStep;
                    noiseLevel *= noiseStep;
                    sweep *= sweepStep;
                }

                break;
        }

        filter = f1;
        filter2 = f2;
        noise = random;
        (phase, phase2, time) = (p1, p2, t);
        (toneEnv, noiseEnv, sweepEnv, clickEnv) = (tone, noiseLevel, sweep, click);
    }

    /// <summary>
    /// Techno's rumble under the kick: the kick's reverb heard through a low-pass and ducked by the kick itself. A broad
    /// band of dense noise round the octave over the kick's note, driven into a soft clip for grit and low-passed dark
    /// (what a big room makes of a kick), swelling in over some 60 ms after the hit, dying away over the beat and shut
    /// over the last 30 ms before the next. It sits above the kick's own long note, where that rings on alone.
    /// </summary>
    private void AddRumble(Span<float> output)
    {
        var (end, step) = (style.RumbleSeconds, dt);
        var t = time;
        var buildCoef = Coefficient(RumbleBuild);
        var decayCoef = Coefficient(RumbleDecay);
        for (var n = 0; n < output.Length && t < end; n++)
        {
            var build = 1f - rumbleUnbuilt;
            var close = Math.Min(1f, (end - t) / 0.03f);
            var x = rumbleRoom.BandPass(rumbleNoise.Next()) * RumbleDrive;
            output[n] += rumbleTone.LowPass(x / (1f + MathF.Abs(x))) * build * build * rumbleEnv * close * RumbleLevel * gain;
            rumbleUnbuilt *= buildCoef;
            rumbleEnv *= decayCoef;
            t += step;
        }
    }

    /// <summary>
    /// The gated-reverb snare (Phil Collins, 80s pop): the dry snare plus a dense room tail that builds in 10 ms and
    /// holds near its level, then the gate shuts both at <see cref="DrumKitStyle.GateSeconds"/> with a 4 ms release,
    /// so the hit is a big, bright burst that stops dead instead of ringing out.
    /// </summary>
    private void RenderGatedSnare(Span<float> output)
    {
        var (hz, toneLevel, gateAt) = (style.SnareHz, style.SnareTone, style.GateSeconds);
        var gateCoef = Coefficient(0.004f);
        var roomDecay = Coefficient(0.6f);
        var roomBuild = Coefficient(0.01f);
        for (var n = 0; n < output.Length; n++)
        {
            phase += hz * dt;
            phase2 += hz * 1.4983071f * dt;
            var body = (SineTable.Sin(phase) + 0.6f * SineTable.Sin(phase2)) * toneEnv * toneLevel;
            var white = noise.Next();
            var rattle = (filter.LowPass(white) - 0.5f * filter2.LowPass(white)) * noiseEnv;
            var tail = room.BandPass(noise.Next()) * (1f - roomUnbuilt) * roomEnv * 0.9f;
            if (time >= gateAt)
            {
                gateEnv *= gateCoef;
            }

            output[n] += (0.9f * body + 1.1f * rattle + tail) * gateEnv * gain;
            time += dt;
            toneEnv *= toneCoef;
            noiseEnv *= noiseCoef;
            roomEnv *= roomDecay;
            roomUnbuilt *= roomBuild;
        }
    }

    /// <summary>
    /// The gated tom of an 80s fill: the tom's falling ring and stick noise, with the room it sits in (a band of dense
    /// noise three octaves above its pitch) held near its level, then the snare's gate shuts the lot at
    /// <see cref="DrumKitStyle.GateSeconds"/>: each stroke of the run a big, short boom.
    /// </summary>
    private void RenderGatedTom(Span<float> output)
    {
        var (gateAt, gateCoef) = (style.GateSeconds, Coefficient(0.004f));
        var roomDecay = Coefficient(0.5f);
        var roomBuild = Coefficient(0.008f);
        for (var n = 0; n < output.Length; n++)
        {
            phase += toneHz * (1f + 0.6f * sweepEnv) * dt;
            var body = SineTable.Sin(phase) * toneEnv * 1.1f;
            var stick = noise.Next() * noiseEnv * 0.08f;
            var tail = room.BandPass(noise.Next()) * (1f - roomUnbuilt) * roomEnv * 2f;
            if (time >= gateAt)
            {
                gateEnv *= gateCoef;
            }

            output[n] += (body + stick + tail) * gateEnv * gain;
            time += dt;
            toneEnv *= toneCoef;
            noiseEnv *= noiseCoef;
            sweepEnv *= sweepCoef;
            roomEnv *= roomDecay;
            roomUnbuilt *= roomBuild;
        }
    }

    /// <summary>
    /// A kettledrum stroke: four membrane modes on <see cref="toneHz"/>, 50 cents sharp at the strike and settling
    /// within about 0.3 s, a low boom under them and the felt mallet's knock. The modes are decaying phasors turned by
    /// one complex multiply per sample, the rotation recomputed every <see cref="TimpaniBlock"/> samples as the pitch
    /// falls: a film score plays long timpani one-shots, and a sine per mode and sample cost five times a tom.
    /// </summary>
    private void RenderTimpani(Span<float> output)
    {
        var (re, im) = (modeRe, modeIm);
        var f1 = filter;
        var random = noise;
        var (t, step, level) = (time, dt, gain * 0.75f);
        var (knock, knockStep, sweep) = (noiseEnv, noiseCoef, sweepEnv);
        Span<float> cos = stackalloc float[8];
        Span<float> sin = stackalloc float[8];
        for (var n = 0; n < output.Length;)
        {
            var count = Math.Min(TimpaniBlock, output.Length - n);
            var hz = toneHz * (1f + 0.03f * sweep);
            for (var m = 0; m < TimpaniRatios.Length; m++)
            {
                (sin[m], cos[m]) = MathF.SinCos(2f * MathF.PI * hz * TimpaniRatios[m] * step);
            }

            var cr = Vector256.Create<float>(cos) * modeDecay;
            var ci = Vector256.Create<float>(sin) * modeDecay;
            for (var end = n + count; n < end; n++)
            {
                (re, im) = ((re * cr) - (im * ci), (re * ci) + (im * cr));
                var x = Vector256.Sum(im);
                // The mallet's knock is gone (−100 dB) within 0.15 s: no noise to draw after that. The 2.5 ms attack
                // keeps the modes' seeded phases from starting on a step.
                if (t < 0.15f)
                {
                    x = (x + (f1.LowPass(random.Next()) * knock * 0.5f)) * Math.Min(1f, t * 400f);
                    knock *= knockStep;
                }

                output[n] += x * level;
                t += step;
            }

            sweep *= MathF.Pow(sweepCoef, count);
        }

        (modeRe, modeIm) = (re, im);
        filter = f1;
        noise = random;
        (time, noiseEnv, sweepEnv) = (t, knock, sweep);
    }

    private static float Decay(float t, float tau) => MathF.Exp(-t / tau);

    private float Coefficient(float tau) => tau <= 0 ? 0f : MathF.Exp(-1f / (tau * sampleRate));

    /// <summary>
    /// The six band-limited squares (naive ones fold their harmonics back as a gritty wash in the hats), one per
    /// lane: the same operations as <see cref="PolyBlep.Square"/> in the same order, summed in oscillator order,
    /// so the result is the same bits as six scalar oscillators.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Metal(ref Vector256<float> phases, Vector256<float> dt)
    {
        var one = Vector256<float>.One;
        var half = Vector256.Create(0.5f);
        var p = phases + dt;
        p = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(p, one), p - one, p);
        phases = p;
        var shifted = p + half;
        shifted = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(shifted, one), shifted - one, shifted);
        var sign = Vector256.ConditionalSelect(Vector256.LessThan(p, half), one, -one);
        var w = sign + Correction(p, dt) - Correction(shifted, dt);
        var sum = w.GetElement(0) + w.GetElement(1) + w.GetElement(2) + w.GetElement(3) + w.GetElement(4) + w.GetElement(5);
        return sum * (1f / 6f);
    }

    /// <summary>
    /// <see cref="PolyBlep.Correction(float, float)"/> per lane, with the same division for the branch a lane takes:
    /// one division (the slowest step here) picks its numerator instead of computing both.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Correction(Vector256<float> t, Vector256<float> dt)
    {
        var one = Vector256<float>.One;
        var rising = Vector256.LessThan(t, dt);
        var x = Vector256.ConditionalSelect(rising, t, t - one) / dt;
        var afterEdge = x + x - x * x - one;
        var beforeEdge = x * x + x + x + one;
        return Vector256.ConditionalSelect(
            rising,
            afterEdge,
            Vector256.ConditionalSelect(Vector256.GreaterThan(t, one - dt), beforeEdge, Vector256<float>.Zero));
    }

    private float Sample()
    {
        var t = time;
        switch (sound)
        {
            case DrumSound.Clap when style.GateSeconds > 0f:
            {
                // Through the snare's gate: after the three slaps the room holds (τ 0.6 s) until the gate shuts it.
                var room = t < 0.03f ? Decay(t % 0.01f, 0.004f) : 0.7f * Decay(t - 0.03f, 0.6f);
                var gate = t < style.GateSeconds ? 1f : Decay(t - style.GateSeconds, 0.004f);
                return filter2.LowPass(filter.BandPass(noise.Next())) * room * gate * 2.4f;
            }

            case DrumSound.Clap:
            {
                var burst = t < 0.03f ? Decay(t % 0.01f, 0.004f) : Decay(t - 0.03f, noiseDecay);
                return filter2.LowPass(filter.BandPass(noise.Next())) * burst * 2.4f;
            }

            case DrumSound.SideStick:
            {
                phase += style.SideStickHz * dt;
                return (SineTable.Sin(phase) * toneEnv * 0.7f + filter.BandPass(noise.Next()) * noiseEnv * 1.5f) * 0.8f;
            }

            case DrumSound.BrushTap:
            {
                // A soft attack (2 ms): wires brushing the head, not a stick's crack.
                phase += style.SnareHz * dt;
                var attack = Math.Min(1f, t * 500f);
                var wires = filter.BandPass(noise.Next());
                return (SineTable.Sin(phase) * toneEnv * 0.25f + (wires - filter2.LowPass(wires)) * noiseEnv * 1.3f) * attack * 0.8f;
            }

            case DrumSound.BrushSwirl:
            {
                // The sweep swells and fades over its half second, its band moving up and back as the brush circles.
                var x = t / BrushSwirlSeconds;
                if (--sweepCounter <= 0)
                {
                    sweepCounter = 32;
                    filter.Set(2500f + (2500f * SineTable.Sin(0.5f * x)), 0.5f, sampleRate);
                }

                // The low-pass keeps the sweep a soft bed under the taps: bristles on a head are dull above 8 kHz.
                var swell = SineTable.Sin(0.5f * x);
                return filter2.LowPass(filter.BandPass(noise.Next())) * swell * swell * 0.35f;
            }

            // Shaker (metals, kick, snare and toms have their own loops).
            default:
            {
                var attack = Math.Min(1f, t * 250f);
                return filter2.BandPass(filter.BandPass(noise.Next())) * attack * noiseEnv * 0.9f;
            }
        }
    }

    /// <summary>
    /// General MIDI's acoustic bass drum (35): the kit's kick without its rumble (<see cref="DrumKitStyle.RumbleSeconds"/>),
    /// as a techno producer mutes the rumble's send for the bars before a drop. 36 is the kick as the kit plays it.
    /// </summary>
    public const int DryKick = 35;

    public static DrumSound? SoundFor(int pitch) => pitch switch
    {
        35 or 36 => DrumSound.Kick,
        37 => DrumSound.SideStick,
        38 => DrumSound.Snare,
        // General MIDI has no brushes: a tap takes the electric snare's number and a swirl the long guiro's (a long
        // scrape), the nearest sounds a plain GM player has for them.
        40 => DrumSound.BrushTap,
        74 => DrumSound.BrushSwirl,
        39 => DrumSound.Clap,
        42 => DrumSound.ClosedHat,
        44 => DrumSound.PedalHat,
        46 => DrumSound.OpenHat,
        49 or 52 or 55 or 57 => DrumSound.Crash,
        51 or 53 or 59 => DrumSound.Ride,
        41 or 43 or 45 or 47 or 48 or 50 => DrumSound.Tom,
        54 or 69 or 70 or 82 => DrumSound.Shaker,
        _ => null,
    };
}
