namespace Simpus.SatuSehat.Fhir;

/// <summary>Code systems and identifier systems SATUSEHAT uses (https://satusehat.kemkes.go.id/platform/docs).</summary>
public static class Systems
{
    public const string Nik = "https://fhir.kemkes.go.id/id/nik";
    public const string NikIbu = "https://fhir.kemkes.go.id/id/nik-ibu";
    public const string Icd10 = "http://hl7.org/fhir/sid/icd-10";
    public const string Icd9Cm = "http://hl7.org/fhir/sid/icd-9-cm";
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Kfa = "http://sys-ids.kemkes.go.id/kfa";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public const string DiagnosisRole = "http://terminology.hl7.org/CodeSystem/diagnosis-role";
    public const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public const string ConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public const string ConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string MedicationRequestCategory = "http://terminology.hl7.org/CodeSystem/medicationrequest-category";
    public const string LocationPhysicalType = "http://terminology.hl7.org/CodeSystem/location-physical-type";

    /// <summary><c>http://sys-ids.kemkes.go.id/{kind}/{organization id}</c>: the puskesmas' own ids of encounters, locations, prescriptions ...</summary>
    public static string Local(string kind, string organizationId) => $"http://sys-ids.kemkes.go.id/{kind}/{organizationId}";
}

/// <summary>The vital signs sent as Observations: LOINC code, display and UCUM unit.</summary>
public sealed record VitalSign(string Key, string Loinc, string Display, string Unit)
{
    public static readonly VitalSign Systolic = new("systolic", "8480-6", "Systolic blood pressure", "mm[Hg]");
    public static readonly VitalSign Diastolic = new("diastolic", "8462-4", "Diastolic blood pressure", "mm[Hg]");
    public static readonly VitalSign Pulse = new("pulse", "8867-4", "Heart rate", "/min");
    public static readonly VitalSign Respiration = new("respiration", "9279-1", "Respiratory rate", "/min");
    public static readonly VitalSign Temperature = new("temperature", "8310-5", "Body temperature", "Cel");
    public static readonly VitalSign Weight = new("weight", "29463-7", "Body weight", "kg");
    public static readonly VitalSign Height = new("height", "8302-2", "Body height", "cm");

    public static readonly IReadOnlyList<VitalSign> All = [Systolic, Diastolic, Pulse, Respiration, Temperature, Weight, Height];
}
