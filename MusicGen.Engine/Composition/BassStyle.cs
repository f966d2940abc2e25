namespace MusicGen.Engine.Composition;

/// <summary>The bass figure a genre plays (see <see cref="BassWriter"/>).</summary>
public enum BassStyle
{
    LofiRoots,
    KickLocked,
    Trap808,
    PopPulse,
    RockEighths,
    HouseOffbeat,
    TechnoOffbeat,
    TranceRolling,
    Reese,
    OctavePulse,
    Drone,
    Pedal,
    Walking,
    FunkSlap,
    None,
}
