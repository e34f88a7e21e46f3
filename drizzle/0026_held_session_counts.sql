-- A past session still planned that was given attendance marks and then a fidelity record became
-- held without the counts its marks give, on the computer where the fidelity was typed. Such a
-- session gets them here as the app derives them for a held session with marks in a group that
-- tracks attendance: participants marked present, and the distinct families of those present
-- (attendance.deriveSessionCounts). Sessions whose counts are stored, and groups that record
-- counts only, keep what they have.
UPDATE `sessions` SET
  `participant_count` = (
    SELECT coalesce(sum(a.`state` = 'present'), 0) FROM `attendance` a
    INNER JOIN `participants` p ON p.`id` = a.`participant_id` WHERE a.`session_id` = `sessions`.`id`),
  `family_count` = (
    SELECT count(DISTINCT CASE WHEN a.`state` = 'present' THEN p.`family_id` END) FROM `attendance` a
    INNER JOIN `participants` p ON p.`id` = a.`participant_id` WHERE a.`session_id` = `sessions`.`id`),
  `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE `status` = 'held' AND `participant_count` IS NULL AND `family_count` IS NULL
  AND EXISTS (SELECT 1 FROM `groups` g WHERE g.`id` = `sessions`.`group_id` AND g.`tracks_attendance` = 1)
  AND EXISTS (SELECT 1 FROM `attendance` a INNER JOIN `participants` p ON p.`id` = a.`participant_id` WHERE a.`session_id` = `sessions`.`id`);
