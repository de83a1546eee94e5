"""Templates of Apple Health's ``export.xml`` for the generator in
:mod:`etl.demo.apple_health.export`.

Text, not logic: record, workout, route and summary lines as the Health app writes them (one
element a line, local timestamps with their UTC offset, escaped device descriptions), and the
internal DTD every export starts with. ``{...}`` fields are filled with ``str.format``; record
templates keep ``{D}`` (day), ``{Z}`` (zone), ``{V}`` (software version) for the day, then
``%`` fields for each record, so a day's thousands of records cost one ``%`` each.
"""

from __future__ import annotations

from datetime import date

WATCH_NAME = "Sam’s Apple Watch"
_DEVICE = (
    "&lt;&lt;HKDevice: 0x2823f1a40&gt;, name:{}, manufacturer:Apple Inc., model:{}, "
    "hardware:{}, software:{{V}}&gt;"
)
_RECORD = """\
 <Record type="HKQuantityTypeIdentifier{type}" sourceName="{source}" sourceVersion="{{V}}" \
device="{device}" unit="{unit}" creationDate="{{D}} %s {{Z}}" startDate="{{D}} %s {{Z}}" \
endDate="{{D}} %s {{Z}}" value="{value}\""""
WATCH = {"source": WATCH_NAME, "device": _DEVICE.format("Apple Watch", "Watch", "Watch5,4")}
PHONE = {"source": "Sam’s iPhone", "device": _DEVICE.format("iPhone", "iPhone", "iPhone12,1")}
HEART = (
    _RECORD.format(type="HeartRate", unit="count/min", value="%d", **WATCH)
    + """>
  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="%d"/>
 </Record>
"""
)
STEPS = _RECORD.format(type="StepCount", unit="count", value="%d", **PHONE) + "/>\n"
DISTANCE = _RECORD.format(type="DistanceWalkingRunning", unit="km", value="%.5f", **WATCH)
DISTANCE += "/>\n"
WORKOUT = """\
 <Workout workoutActivityType="HKWorkoutActivityType{kind}" duration="{minutes}" \
durationUnit="min"{totals} sourceName="{source}" sourceVersion="{version}" device="{device}" \
creationDate="{end}" startDate="{start}" endDate="{end}">
  <MetadataEntry key="HKIndoorWorkout" value="{indoor}"/>
  <MetadataEntry key="HKTimeZone" value="Europe/London"/>
{body} </Workout>
"""
TOTALS = """ totalDistance="{}" totalDistanceUnit="{}" totalEnergyBurned="{}" \
totalEnergyBurnedUnit="{}\""""
CLIMB = '  <MetadataEntry key="HKElevationAscended" value="{}"/>\n'
EVENT = """\
  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{:%Y-%m-%d %H:%M:%S} {}" duration="{:.6g}" \
durationUnit="min"/>
"""
_STAT = '  <WorkoutStatistics type="HKQuantityTypeIdentifier{}" startDate="{start}" endDate="{end}"'
SUM = _STAT + ' sum="{}" unit="{}"/>\n'
HEART_STAT = _STAT.format("HeartRate", start="{start}", end="{end}")
HEART_STAT += ' average="{}.4" minimum="{}" maximum="{}" unit="count/min"/>\n'
STAMP = "%Y-%m-%d %H:%M:%S"
ROUTE = """\
  <WorkoutRoute sourceName="{source}" creationDate="{end}" startDate="{start}" endDate="{end}">
   <MetadataEntry key="HKMetadataKeySyncVersion" value="2"/>
   <FileReference path="{path}"/>
  </WorkoutRoute>
"""
GPX = """\
<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><name>Route</name><trkseg>
{points} </trkseg></trk>
</gpx>
"""
SUMMARY = """\
 <ActivitySummary dateComponents="{}" activeEnergyBurned="{:.3f}" activeEnergyBurnedGoal="500" \
activeEnergyBurnedUnit="kcal" appleMoveTime="0" appleMoveTimeGoal="0" appleExerciseTime="{}" \
appleExerciseTimeGoal="30" appleStandHours="{}" appleStandHoursGoal="12"/>
"""
HEAD = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 11 -->
{dtd}]>
<HealthData locale="en_GB">
 <ExportDate value="{exported} 09:30:00 +0000"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1986-04-12" \
HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" \
HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" \
HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" \
HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>
"""
# Apple's internal DTD, one element a line: name, content model, attributes (! required); notes
# (comments) as they are.
_DTD = """\
HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|\
VisionPrescription)*) locale!
ExportDate EMPTY value!
Me EMPTY $CDateOfBirth! $CBiologicalSex! $CBloodType! $CFitzpatrickSkinType! \
$CCardioFitnessMedicationsUse!
Record ((MetadataEntry|HeartRateVariabilityMetadataList)*) type! unit? value? $S
<!-- Note: Any Records that appear as children of a correlation also appear as top-level \
records in this document. -->
Correlation ((MetadataEntry|Record)*) type! $S
Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics|WorkoutActivity)*) \
workoutActivityType! duration? durationUnit? totalDistance? totalDistanceUnit? totalEnergyBurned? \
totalEnergyBurnedUnit? $S
WorkoutActivity ((WorkoutEvent|WorkoutStatistics|MetadataEntry)*) uuid! startDate! endDate? \
duration? durationUnit?
WorkoutEvent EMPTY type! date! duration? durationUnit?
WorkoutStatistics EMPTY type! startDate! endDate! average? minimum? maximum? sum? unit?
WorkoutRoute ((MetadataEntry|FileReference)*) $S
FileReference EMPTY path!
ActivitySummary EMPTY dateComponents? activeEnergyBurned? activeEnergyBurnedGoal? \
activeEnergyBurnedUnit? appleMoveTime? appleMoveTimeGoal? appleExerciseTime? \
appleExerciseTimeGoal? appleStandHours? appleStandHoursGoal?
MetadataEntry EMPTY key! value!
<!-- Note: Heart Rate Variability records captured by Apple Watch may include an associated \
list of instantaneous beats-per-minute readings. -->
HeartRateVariabilityMetadataList (InstantaneousBeatsPerMinute*)
InstantaneousBeatsPerMinute EMPTY bpm! time!
ClinicalRecord EMPTY type! identifier! sourceName! sourceURL! fhirVersion! receivedDate! \
resourceFilePath!
Audiogram ((MetadataEntry|SensitivityPoint)*) type! $S
SensitivityPoint EMPTY frequencyValue! frequencyUnit! leftEarValue? leftEarUnit? leftEarMasked? \
rightEarValue? rightEarUnit? rightEarMasked?
VisionPrescription ((RightEye|LeftEye|Attachment|MetadataEntry)*) type! dateIssued! \
expirationDate? brand?
RightEye EMPTY $E
LeftEye EMPTY $E
Attachment EMPTY identifier?
"""
_MACROS = {
    "$S": "sourceName! sourceVersion? device? creationDate? startDate! endDate!",
    "$C": "HKCharacteristicTypeIdentifier",
    "$E": "sphere? sphereUnit? cylinder? cylinderUnit? axis? axisUnit? add? addUnit? vertex? "
    "vertexUnit? prismAmount? prismAmountUnit? prismAngle? prismAngleUnit? farPD? farPDUnit? "
    "nearPD? nearPDUnit? baseCurve? baseCurveUnit? diameter? diameterUnit?",
}


def head(exported: date) -> str:
    """The document up to the first record: declaration, DTD, root, export date, owner."""
    text, lines = _DTD, []
    for macro, expansion in _MACROS.items():
        text = text.replace(macro, expansion)
    for spec in text.splitlines():
        if spec.startswith("<!--"):
            lines.append(spec + "\n")
            continue
        name, model, *attributes = spec.split()
        lines.append(f"<!ELEMENT {name} {model}>\n")
        width = max((len(a) - 1 for a in attributes), default=0)
        if attributes:
            kinds = {"!": "#REQUIRED", "?": "#IMPLIED"}
            listed = "".join(f"  {a[:-1]:<{width}} CDATA {kinds[a[-1]]}\n" for a in attributes)
            lines.append(f"<!ATTLIST {name}\n{listed}>\n")
    return HEAD.format(dtd="".join(lines), exported=exported)
